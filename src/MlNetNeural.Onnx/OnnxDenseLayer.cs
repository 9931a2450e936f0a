using MlNetNeural.Onnx.Graph;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;

namespace MlNetNeural.Onnx;

/// <summary>
/// One fully connected layer of an exported network: <c>y = activation(W x + b)</c>.
/// </summary>
/// <remarks>
/// The arrays are used as given (not copied) and are checked when the model is written, so they may be filled
/// after construction.
/// </remarks>
public sealed class OnnxDenseLayer : OnnxLayer
{
    /// <summary>The slope for negative inputs used by <see cref="OnnxActivation.LeakyRelu"/> unless set otherwise.</summary>
    public const float DefaultLeakyReluAlpha = 0.01f;

    /// <summary>Creates a layer description.</summary>
    /// <param name="inputCount">Number of inputs (the previous layer's output count, or the feature count).</param>
    /// <param name="outputCount">Number of outputs (units).</param>
    /// <param name="weights">Weights, row-major [outputCount, inputCount]: <c>weights[o * inputCount + i]</c>.</param>
    /// <param name="bias">Bias, one value per output.</param>
    /// <param name="activation">The activation applied after the affine step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> or <paramref name="bias"/> is null.</exception>
    public OnnxDenseLayer(int inputCount, int outputCount, float[] weights, float[] bias, OnnxActivation activation)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        InputCount = inputCount;
        OutputCount = outputCount;
        Weights = weights;
        Bias = bias;
        Activation = activation;
    }

    /// <summary>Number of inputs.</summary>
    public override int InputCount { get; }

    /// <summary>Number of outputs (units).</summary>
    public override int OutputCount { get; }

    /// <summary>Weights, row-major [<see cref="OutputCount"/>, <see cref="InputCount"/>].</summary>
    public float[] Weights { get; }

    /// <summary>Bias, length <see cref="OutputCount"/>.</summary>
    public float[] Bias { get; }

    /// <summary>The activation applied after the affine step.</summary>
    public OnnxActivation Activation { get; }

    /// <summary>The negative-side slope for <see cref="OnnxActivation.LeakyRelu"/>; ignored by other activations.</summary>
    public float LeakyReluAlpha { get; init; } = DefaultLeakyReluAlpha;

    internal override string Describe() => $"{OutputCount} ({Activation})";

    internal override void Validate(string name)
    {
        if (!Enum.IsDefined(Activation))
            throw OnnxValidation.Invalid($"{name}: activation {(int)Activation} is not a defined {nameof(OnnxActivation)} value.");
        if (OutputCount <= 0)
            throw OnnxValidation.Invalid($"{name}: OutputCount is {OutputCount}; it must be at least 1.");
        long weightCount = (long)OutputCount * InputCount;
        if (Weights.Length != weightCount)
            throw OnnxValidation.Invalid($"{name}: Weights has {Weights.Length} values; expected OutputCount * InputCount = {OutputCount} * {InputCount} = {weightCount} (row-major [out, in]).");
        OnnxValidation.RequireLength(Bias, OutputCount, $"{name}: Bias", $"OutputCount = {OutputCount}");
        OnnxValidation.RequireFinite(Weights, $"{name}: Weights", InputCount);
        OnnxValidation.RequireFinite(Bias, $"{name}: Bias");
        if (Activation == OnnxActivation.LeakyRelu && !float.IsFinite(LeakyReluAlpha))
            throw OnnxValidation.Invalid($"{name}: LeakyReluAlpha is {OnnxValidation.Format(LeakyReluAlpha)}; it must be a finite number.");
    }

    /// <summary>One Gemm (transB = 1) and the activation's nodes.</summary>
    internal override string AddTo(OnnxGraphBuilder graph, string prefix, string input, string output)
    {
        string weights = graph.AddInitializer(prefix + "weight", Weights, OutputCount, InputCount);
        string bias = graph.AddInitializer(prefix + "bias", Bias, OutputCount);
        string linearOutput = Activation == OnnxActivation.Identity ? output : prefix + "linear";
        string linear = graph.AddNode("Gemm", [input, weights, bias], linearOutput, IntAttribute("transB", 1));
        return Activation switch
        {
            OnnxActivation.Identity => linear,
            OnnxActivation.Relu => graph.AddNode("Relu", [linear], output),
            OnnxActivation.LeakyRelu => graph.AddNode("LeakyRelu", [linear], output, FloatAttribute("alpha", LeakyReluAlpha)),
            OnnxActivation.Tanh => graph.AddNode("Tanh", [linear], output),
            OnnxActivation.Sigmoid => graph.AddNode("Sigmoid", [linear], output),
            OnnxActivation.Gelu => AddGelu(graph, prefix + "gelu/", linear, output),
            _ => throw new InvalidOperationException($"Unknown activation {Activation}."),
        };
    }

    /// <summary>Exact GELU from opset-13 operators: <c>x * 0.5 * (1 + erf(x / sqrt(2)))</c>.</summary>
    private static string AddGelu(OnnxGraphBuilder graph, string prefix, string input, string output)
    {
        string sqrtTwo = graph.AddInitializer(prefix + "sqrt2", [MathF.Sqrt(2f)]);
        string one = graph.AddInitializer(prefix + "one", [1f]);
        string half = graph.AddInitializer(prefix + "half", [0.5f]);
        string scaled = graph.AddNode("Div", [input, sqrtTwo], prefix + "scaled");
        string erf = graph.AddNode("Erf", [scaled], prefix + "erf");
        string onePlusErf = graph.AddNode("Add", [erf, one], prefix + "one_plus_erf");
        string product = graph.AddNode("Mul", [input, onePlusErf], prefix + "product");
        return graph.AddNode("Mul", [product, half], output);
    }
}
