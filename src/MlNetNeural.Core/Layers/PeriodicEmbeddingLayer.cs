using System.Globalization;
using System.Numerics.Tensors;
using MlNetNeural.Core.Kernels;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// Periodic numerical embeddings in RealMLP's PBLD form (periodic, bias, linear, densenet; Holzmüller, Grinsztajn and
/// Steinwart 2024, after Gorishniy, Rubachev and Babenko 2022, "On Embeddings for Numerical Features in Tabular Deep
/// Learning"). Each embedded feature x_s gets k periodic features cos(2π·w_{s,f}·x_s + b_{s,f}) with trained frequencies
/// w and phases b, mapped by its own linear map to <see cref="EmbeddingSize"/> values; the output is every input
/// feature as it is, followed by the embeddings of the embedded ones: width F + |S|·d. Features with two values or fewer
/// (one-hot columns, missing-value indicators) are usually left out of S: a periodic function of a switch adds nothing.
/// The parameters train at <see cref="LearningRateFactor"/> times the network's learning rate, without weight decay.
/// </summary>
public sealed unsafe class PeriodicEmbeddingLayer : Layer
{
    private const float TwoPi = 2f * MathF.PI;
    private readonly int[] _embedded;
    private readonly Parameter _frequencies, _phases, _weights, _bias;

    /// <summary>Creates the layer with zero parameters; <see cref="PeriodicEmbeddingSpec"/> draws their initial values.</summary>
    /// <param name="inputSize">Features per row.</param>
    /// <param name="embeddedFeatures">Indices of the embedded features, increasing, each in [0, inputSize).</param>
    /// <param name="frequencies">Periodic features per embedded feature (k), at least 1.</param>
    /// <param name="embeddingSize">Outputs of each feature's linear map (d), at least 1.</param>
    /// <param name="learningRateFactor">Multiplies the learning rate for this layer's parameters, above 0.</param>
    public PeriodicEmbeddingLayer(int inputSize, IReadOnlyList<int> embeddedFeatures, int frequencies, int embeddingSize, float learningRateFactor)
        : base(inputSize, OutputWidth(inputSize, embeddedFeatures, embeddingSize))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencies, 1);
        if (!(float.IsFinite(learningRateFactor) && learningRateFactor > 0f))
            throw new ArgumentOutOfRangeException(nameof(learningRateFactor), learningRateFactor, "The learning-rate factor must be a finite number above 0.");
        for (int i = 0; i < embeddedFeatures.Count; i++)
        {
            int feature = embeddedFeatures[i];
            if (feature < 0 || feature >= inputSize || (i > 0 && feature <= embeddedFeatures[i - 1]))
                throw new ArgumentException($"Embedded feature {i} is {feature}; give increasing indices in [0, {inputSize}).", nameof(embeddedFeatures));
        }
        _embedded = embeddedFeatures.ToArray();
        Frequencies = frequencies;
        EmbeddingSize = embeddingSize;
        LearningRateFactor = learningRateFactor;
        int m = _embedded.Length;
        _frequencies = new Parameter("embedding.frequencies", checked(m * frequencies), isWeightMatrix: false) { LearningRateFactor = learningRateFactor };
        _phases = new Parameter("embedding.phases", checked(m * frequencies), isWeightMatrix: false) { LearningRateFactor = learningRateFactor };
        _weights = new Parameter("embedding.weights", checked(m * embeddingSize * frequencies), isWeightMatrix: false) { LearningRateFactor = learningRateFactor };
        _bias = new Parameter("embedding.bias", checked(m * embeddingSize), isWeightMatrix: false) { LearningRateFactor = learningRateFactor };
    }

    /// <summary>Indices of the embedded features.</summary>
    public IReadOnlyList<int> EmbeddedFeatures => _embedded;

    /// <summary>Periodic features per embedded feature (k).</summary>
    public int Frequencies { get; }

    /// <summary>Outputs of each embedded feature's linear map (d).</summary>
    public int EmbeddingSize { get; }

    /// <summary>Multiplies the learning rate for this layer's parameters.</summary>
    public float LearningRateFactor { get; }

    /// <summary>Frequencies w, [embedded feature, k].</summary>
    public Parameter FrequencyValues => _frequencies;

    /// <summary>Phases b, [embedded feature, k].</summary>
    public Parameter Phases => _phases;

    /// <summary>Linear maps, [embedded feature, d, k] (each output's weights contiguous).</summary>
    public Parameter Weights => _weights;

    /// <summary>Biases of the linear maps, [embedded feature, d].</summary>
    public Parameter Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_frequencies, _phases, _weights, _bias];

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture,
        $"periodic embeddings of {_embedded.Length} of {InputSize} features ({Frequencies} frequencies → {EmbeddingSize} values each, inputs kept)");

    /// <summary>Kind byte 6: int32 inputs, int32 embedded count m, int32 k, int32 d, float32 learning-rate factor, m int32 feature indices, then frequencies, phases, weights and biases.</summary>
    internal static LayerFormat FileFormat { get; } = new(6, "periodic embedding", Read);

    /// <inheritdoc />
    internal override LayerFormat Format => FileFormat;

    /// <inheritdoc />
    internal override void WriteFields(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(_embedded.Length);
        writer.Write(Frequencies);
        writer.Write(EmbeddingSize);
        writer.Write(LearningRateFactor);
        foreach (int feature in _embedded) writer.Write(feature);
        foreach (var parameter in Parameters) writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(parameter.Values.AsSpan()));
    }

    private static PeriodicEmbeddingLayer Read(ref NetworkReader reader, int index)
    {
        int inputs = reader.ReadInt32($"input size of layer {index}");
        int embedded = reader.ReadInt32($"embedded feature count of layer {index}");
        int frequencies = reader.ReadInt32($"frequency count of layer {index}");
        int size = reader.ReadInt32($"embedding size of layer {index}");
        float factor = reader.ReadSingle($"learning-rate factor of layer {index}");
        if (inputs < 1 || embedded < 0 || embedded > inputs || frequencies < 1 || size < 1)
            throw new InvalidNetworkFileException($"The network data is corrupt: periodic embedding layer {index} embeds {embedded} of {inputs} features with {frequencies} frequencies into {size} values each.");
        // Every array of the layer must fit in the bytes that remain (all products in 64 bits: no size can overflow).
        long parameterFloats = (long)embedded * frequencies * 2 + (long)embedded * size * ((long)frequencies + 1);
        if ((long)embedded + parameterFloats > reader.Remaining / sizeof(float) || (long)inputs + (long)embedded * size > Array.MaxLength)
            throw new InvalidNetworkFileException($"The network data is corrupt: periodic embedding layer {index} declares {parameterFloats} parameters, but only {reader.Remaining} bytes remain.");
        var features = new int[embedded];
        for (int i = 0; i < embedded; i++) features[i] = reader.ReadInt32($"embedded feature {i} of layer {index}");
        PeriodicEmbeddingLayer layer;
        try
        {
            layer = new PeriodicEmbeddingLayer(inputs, features, frequencies, size, factor);
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt in layer {index}: {e.Message}");
        }
        if (embedded > 0)
        {
            foreach (var parameter in layer.Parameters) reader.ReadSingles(parameter.Values, $"{parameter.Name} of layer {index}");
        }
        return layer;
    }

    /// <inheritdoc />
    public override LayerBuffers CreateBuffers(int maxBatch) =>
        new EmbeddingBuffers(maxBatch * OutputSize, maxBatch * _embedded.Length * Frequencies, _embedded.Length * Frequencies, keepSines: true);

    /// <summary>Scoring buffers keep no sines: only a backward pass reads them, and none follows a scoring pass.</summary>
    internal override LayerBuffers CreateScoringBuffers(int maxBatch) =>
        new EmbeddingBuffers(maxBatch * OutputSize, maxBatch * _embedded.Length * Frequencies, _embedded.Length * Frequencies, keepSines: false);

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode)
    {
        var embedding = (EmbeddingBuffers)buffers;
        int inputs = InputSize, outputs = OutputSize, k = Frequencies, d = EmbeddingSize, m = _embedded.Length;
        Span<float> omega = embedding.AngularFrequencies;
        TensorPrimitives.Multiply(_frequencies.Values, TwoPi, omega);
        ReadOnlySpan<float> phases = _phases.Values, weights = _weights.Values, bias = _bias.Values;
        int periodic = batch * m * k;
        Span<float> angles = embedding.Angles.AsSpan(0, periodic), cosines = embedding.Cosines.AsSpan(0, periodic);
        if (batch * inputs > input.Length) throw new ArgumentException($"The input holds fewer than the {batch} rows of the batch.", nameof(input));
        fixed (float* w = omega, b = phases, x = input, a = angles)
            PeriodicEmbeddingKernels.Angles(w, b, x, inputs, _embedded, a, batch, k);
        // Every angle of the batch in one pass, the sines too where a backward pass may follow (training or attributions; not
        // in scoring buffers, nor in a forward-only pass on the library's path). A training run (its steps and its validation)
        // takes the faster kernels, which give both at once; everything else (scoring above all) the library's functions and
        // sums, as saved models were scored when they were saved, so that they keep scoring the same bits.
        bool fast = mode.InTrainingRun;
        if (fast)
        {
            SineCosine.Compute(angles, embedding.Sines!.AsSpan(0, periodic), cosines);
        }
        else
        {
            TensorPrimitives.Cos(angles, cosines);
            if (embedding.Sines is { } sines && !mode.ForwardOnly) TensorPrimitives.Sin(angles, sines.AsSpan(0, periodic));
        }
        for (int row = 0; row < batch; row++) input.Slice(row * inputs, inputs).CopyTo(embedding.Output.AsSpan(row * outputs, outputs));
        if (fast)
        {
            fixed (float* w = weights, b = bias, c = cosines, y = embedding.Output)
                PeriodicEmbeddingKernels.LinearMaps(w, b, c, y + inputs, batch, m, k, d, outputs);
            return;
        }
        for (int row = 0; row < batch; row++)
        {
            var y = embedding.Output.AsSpan(row * outputs, outputs);
            for (int s = 0; s < m; s++)
            {
                var rowCosines = cosines.Slice((row * m + s) * k, k);
                var featureWeights = weights.Slice(s * d * k, d * k);
                for (int o = 0; o < d; o++) y[inputs + s * d + o] = bias[s * d + o] + TensorPrimitives.Dot(featureWeights.Slice(o * k, k), rowCosines);
            }
        }
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads)
    {
        var embedding = (EmbeddingBuffers)buffers;
        float[] sines = embedding.Sines!; // only scoring buffers lack them, and Network.Backward refuses those
        int inputs = InputSize, outputs = OutputSize, k = Frequencies, d = EmbeddingSize, m = _embedded.Length;
        ReadOnlySpan<float> omega = embedding.AngularFrequencies, weights = _weights.Values;
        Span<float> frequencyGradient = _frequencies.Gradient, phaseGradient = _phases.Gradient, weightGradient = _weights.Gradient, biasGradient = _bias.Gradient;
        frequencyGradient.Clear();
        phaseGradient.Clear();
        weightGradient.Clear();
        biasGradient.Clear();
        if (!inputGradient.IsEmpty)
        {
            for (int row = 0; row < batch; row++) outputGradient.Slice(row * outputs, inputs).CopyTo(inputGradient.Slice(row * inputs, inputs));
        }
        // Feature by feature, the rows in order inside: each gradient element sums the rows in row order.
        if (batch * outputs > outputGradient.Length || batch * inputs > input.Length || (!inputGradient.IsEmpty && batch * inputs > inputGradient.Length)
            || batch * m * k > sines.Length)
            throw new ArgumentException($"The buffers hold fewer than the {batch} rows of the batch.", nameof(batch));
        fixed (float* x = input, g = outputGradient, dx = inputGradient, cos = embedding.Cosines, sin = sines, w = weights, om = omega,
            dw = weightGradient, dphase = phaseGradient, dfrequency = frequencyGradient, dbias = biasGradient)
        {
            for (int s = 0; s < m; s++)
            {
                int feature = _embedded[s];
                PeriodicEmbeddingKernels.BackwardRows(g + inputs + s * d, outputs, cos + s * k, sin + s * k, m * k, w + s * d * k, om + s * k,
                    x + feature, inputs, dw + s * d * k, dphase + s * k, dfrequency + s * k, dbias + s * d, dx == null ? null : dx + feature,
                    batch, k, d);
            }
        }
    }

    private static int OutputWidth(int inputSize, IReadOnlyList<int> embeddedFeatures, int embeddingSize)
    {
        ArgumentNullException.ThrowIfNull(embeddedFeatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingSize, 1);
        return checked(inputSize + embeddedFeatures.Count * embeddingSize);
    }

    private sealed class EmbeddingBuffers(int outputLength, int periodicLength, int parameterLength, bool keepSines) : LayerBuffers(outputLength)
    {
        /// <summary>2π·w·x + b of each periodic feature, [row, embedded feature, k].</summary>
        public float[] Angles { get; } = new float[periodicLength];

        /// <summary>cos of each angle.</summary>
        public float[] Cosines { get; } = new float[periodicLength];

        /// <summary>sin of each angle, for the backward pass; null in scoring buffers.</summary>
        public float[]? Sines { get; } = keepSines ? new float[periodicLength] : null;

        /// <summary>2π·w, computed once per forward pass.</summary>
        public float[] AngularFrequencies { get; } = new float[parameterLength];
    }
}

/// <summary>Periodic embeddings of the given features (see <see cref="PeriodicEmbeddingLayer"/>).</summary>
/// <param name="EmbeddedFeatures">Indices of the embedded features, increasing.</param>
/// <param name="Frequencies">Periodic features per embedded feature (k). RealMLP: 16.</param>
/// <param name="EmbeddingSize">Outputs of each feature's linear map (d). RealMLP: 3 (4 with the feature itself).</param>
/// <param name="Sigma">Standard deviation of the initial frequencies. RealMLP: 0.1.</param>
/// <param name="LearningRateFactor">Multiplies the learning rate for the layer's parameters (default <see cref="DefaultLearningRateFactor"/>).</param>
public sealed record PeriodicEmbeddingSpec(int[] EmbeddedFeatures, int Frequencies = 16, int EmbeddingSize = 3, float Sigma = 0.1f, float LearningRateFactor = PeriodicEmbeddingSpec.DefaultLearningRateFactor) : LayerSpec
{
    /// <summary>
    /// The layer's default learning-rate factor, 0.1 (RealMLP's, which RealMLP applies to learning rates of 0.04 and 0.2). The
    /// ML.NET trainers keep it for classifiers without a validation split, where a factor of 3 made small tables over-confident
    /// (WDBC's log-loss 0.037 → 0.137), and use 3 elsewhere (MlpTrainerOptions.Defaults.PeriodicEmbeddingLearningRateFactor;
    /// docs/trainers.md, sixth and seventh rounds).
    /// </summary>
    public const float DefaultLearningRateFactor = 0.1f;

    /// <summary>
    /// Initial values: frequencies ~ N(0, σ²), phases ~ U(−π, π), linear maps and biases ~ U(−1/√k, 1/√k) (PyTorch's
    /// default for a linear layer of k inputs).
    /// </summary>
    public override Layer Build(int inputSize, int index, DeterministicRandom random)
    {
        if (!(float.IsFinite(Sigma) && Sigma > 0f))
            throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "The initial frequency spread must be a finite number above 0.");
        var layer = new PeriodicEmbeddingLayer(inputSize, EmbeddedFeatures, Frequencies, EmbeddingSize, LearningRateFactor);
        foreach (ref float w in layer.FrequencyValues.Values.AsSpan()) w = Sigma * random.NextGaussian();
        foreach (ref float b in layer.Phases.Values.AsSpan()) b = MathF.PI * (2f * random.NextFloat() - 1f);
        float limit = 1f / MathF.Sqrt(Frequencies);
        foreach (ref float w in layer.Weights.Values.AsSpan()) w = limit * (2f * random.NextFloat() - 1f);
        foreach (ref float b in layer.Bias.Values.AsSpan()) b = limit * (2f * random.NextFloat() - 1f);
        return layer;
    }

    /// <inheritdoc />
    public override LayerSize SizeFor(int inputSize) =>
        new(checked(inputSize + EmbeddedFeatures.Length * EmbeddingSize), (long)EmbeddedFeatures.Length * ((2L + EmbeddingSize) * Frequencies + EmbeddingSize));

    /// <summary>The features of <paramref name="data"/> with more than two distinct values (the rest are switches or constants).</summary>
    /// <param name="data">The training rows.</param>
    public static int[] NumericFeatures(Training.TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int width = data.FeatureCount;
        var numeric = new List<int>();
        for (int j = 0; j < width; j++)
        {
            float first = data.Features[j], second = first;
            bool sawSecond = false, sawThird = false;
            for (int row = 1; row < data.Rows && !sawThird; row++)
            {
                float value = data.Features[row * width + j];
                if (value == first || (sawSecond && value == second)) continue;
                if (!sawSecond) { second = value; sawSecond = true; }
                else sawThird = true;
            }
            if (sawThird) numeric.Add(j);
        }
        return numeric.ToArray();
    }
}
