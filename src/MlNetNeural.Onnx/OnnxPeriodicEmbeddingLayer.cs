using MlNetNeural.Onnx.Graph;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;

namespace MlNetNeural.Onnx;

/// <summary>
/// Periodic numerical embeddings of an exported network: the output is the input followed, for each embedded feature
/// s, by <c>W_s cos(omega_s x_s + phase_s) + bias_s</c>. Written as Gather, Unsqueeze, Mul, Add, Cos, a batched MatMul,
/// Add, Reshape and Concat.
/// </summary>
/// <remarks>The arrays are used as given (not copied) and are checked when the model is written.</remarks>
public sealed class OnnxPeriodicEmbeddingLayer : OnnxLayer
{
    /// <summary>Creates the layer description.</summary>
    /// <param name="inputCount">Features per row.</param>
    /// <param name="embeddedFeatures">Indices of the embedded features, increasing.</param>
    /// <param name="frequencies">Periodic features per embedded feature (k).</param>
    /// <param name="embeddingSize">Outputs per embedded feature (d).</param>
    /// <param name="angularFrequencies">omega, [embedded feature, k] (2π times the frequencies).</param>
    /// <param name="phases">Phases, [embedded feature, k].</param>
    /// <param name="weights">Linear maps, [embedded feature, d, k].</param>
    /// <param name="bias">Biases, [embedded feature, d].</param>
    public OnnxPeriodicEmbeddingLayer(int inputCount, int[] embeddedFeatures, int frequencies, int embeddingSize,
        float[] angularFrequencies, float[] phases, float[] weights, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(embeddedFeatures);
        ArgumentNullException.ThrowIfNull(angularFrequencies);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        InputCount = inputCount;
        EmbeddedFeatures = embeddedFeatures;
        Frequencies = frequencies;
        EmbeddingSize = embeddingSize;
        AngularFrequencies = angularFrequencies;
        Phases = phases;
        Weights = weights;
        Bias = bias;
    }

    /// <inheritdoc />
    public override int InputCount { get; }

    /// <inheritdoc />
    public override int OutputCount => InputCount + EmbeddedFeatures.Length * EmbeddingSize;

    /// <summary>Indices of the embedded features.</summary>
    public int[] EmbeddedFeatures { get; }

    /// <summary>Periodic features per embedded feature (k).</summary>
    public int Frequencies { get; }

    /// <summary>Outputs per embedded feature (d).</summary>
    public int EmbeddingSize { get; }

    /// <summary>omega, [embedded feature, k].</summary>
    public float[] AngularFrequencies { get; }

    /// <summary>Phases, [embedded feature, k].</summary>
    public float[] Phases { get; }

    /// <summary>Linear maps, [embedded feature, d, k].</summary>
    public float[] Weights { get; }

    /// <summary>Biases, [embedded feature, d].</summary>
    public float[] Bias { get; }

    internal override string Describe() => $"{OutputCount} (periodic embeddings of {EmbeddedFeatures.Length} features)";

    internal override void Validate(string name)
    {
        if (Frequencies < 1 || EmbeddingSize < 1)
            throw OnnxValidation.Invalid($"{name}: Frequencies is {Frequencies} and EmbeddingSize {EmbeddingSize}; both must be at least 1.");
        for (int i = 0; i < EmbeddedFeatures.Length; i++)
        {
            if (EmbeddedFeatures[i] < 0 || EmbeddedFeatures[i] >= InputCount || (i > 0 && EmbeddedFeatures[i] <= EmbeddedFeatures[i - 1]))
                throw OnnxValidation.Invalid($"{name}: EmbeddedFeatures[{i}] is {EmbeddedFeatures[i]}; give increasing indices in [0, {InputCount}).");
        }
        int m = EmbeddedFeatures.Length;
        OnnxValidation.RequireLength(AngularFrequencies, m * Frequencies, $"{name}: AngularFrequencies", $"embedded features * Frequencies = {m * Frequencies}");
        OnnxValidation.RequireLength(Phases, m * Frequencies, $"{name}: Phases", $"embedded features * Frequencies = {m * Frequencies}");
        OnnxValidation.RequireLength(Weights, m * EmbeddingSize * Frequencies, $"{name}: Weights", $"embedded features * EmbeddingSize * Frequencies = {m * EmbeddingSize * Frequencies}");
        OnnxValidation.RequireLength(Bias, m * EmbeddingSize, $"{name}: Bias", $"embedded features * EmbeddingSize = {m * EmbeddingSize}");
        OnnxValidation.RequireFinite(AngularFrequencies, $"{name}: AngularFrequencies");
        OnnxValidation.RequireFinite(Phases, $"{name}: Phases");
        OnnxValidation.RequireFinite(Weights, $"{name}: Weights");
        OnnxValidation.RequireFinite(Bias, $"{name}: Bias");
    }

    internal override string AddTo(OnnxGraphBuilder graph, string prefix, string input, string output)
    {
        int m = EmbeddedFeatures.Length, k = Frequencies, d = EmbeddingSize;
        if (m == 0) return graph.AddNode("Identity", [input], output);
        string indices = graph.AddInt64Initializer(prefix + "features", EmbeddedFeatures.Select(f => (long)f).ToArray(), m);
        string lastAxis = graph.AddInt64Initializer(prefix + "axis2", [2L], 1);
        string selected = graph.AddNode("Gather", [input, indices], prefix + "selected", IntAttribute("axis", 1));
        string column = graph.AddNode("Unsqueeze", [selected, lastAxis], prefix + "column");
        string scaled = graph.AddNode("Mul", [column, graph.AddInitializer(prefix + "omega", AngularFrequencies, m, k)], prefix + "scaled");
        string angles = graph.AddNode("Add", [scaled, graph.AddInitializer(prefix + "phases", Phases, m, k)], prefix + "angles");
        string cosines = graph.AddNode("Cos", [angles], prefix + "cosines");
        string rows = graph.AddNode("Unsqueeze", [cosines, lastAxis], prefix + "cosine_rows");
        string mapped = graph.AddNode("MatMul", [rows, graph.AddInitializer(prefix + "weights", Transposed(), m, k, d)], prefix + "mapped");
        string biased = graph.AddNode("Add", [mapped, graph.AddInitializer(prefix + "bias", Bias, m, 1, d)], prefix + "biased");
        string flat = graph.AddNode("Reshape", [biased, graph.AddInt64Initializer(prefix + "shape", [-1L, (long)m * d], 2)], prefix + "embeddings");
        return graph.AddNode("Concat", [input, flat], output, IntAttribute("axis", 1));
    }

    /// <summary>The linear maps as [embedded feature, k, d], the layout MatMul multiplies from the right.</summary>
    private float[] Transposed()
    {
        int m = EmbeddedFeatures.Length, k = Frequencies, d = EmbeddingSize;
        var transposed = new float[Weights.Length];
        for (int s = 0; s < m; s++)
        for (int o = 0; o < d; o++)
        for (int f = 0; f < k; f++)
            transposed[(s * k + f) * d + o] = Weights[(s * d + o) * k + f];
        return transposed;
    }
}
