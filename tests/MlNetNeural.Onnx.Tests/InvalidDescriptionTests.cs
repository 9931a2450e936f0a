using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests;

/// <summary>Invalid descriptions are refused before anything is written, with a message naming what is wrong.</summary>
public sealed class InvalidDescriptionTests
{
    private static OnnxDenseLayer Layer(int inputs, int outputs, OnnxActivation activation = OnnxActivation.Identity) =>
        new(inputs, outputs, new float[inputs * outputs], new float[outputs], activation);

    private static OnnxMlpDescription Network(OnnxMlpHead head, params OnnxDenseLayer[] layers) =>
        new(3, layers, head);

    public static TheoryData<string, OnnxMlpDescription, string> Cases() => new()
    {
        { "layer sizes do not chain", Network(OnnxMlpHead.Binary, Layer(3, 4), Layer(5, 1)),
            "Layer 1: InputCount is 5 but layer 0 has 4 outputs" },
        { "first layer does not take the features", Network(OnnxMlpHead.Binary, Layer(2, 1)),
            "Layer 0: InputCount is 2 but FeatureCount is 3" },
        { "weights of the wrong length", Network(OnnxMlpHead.Regression, Layer(3, 4),
                new OnnxDenseLayer(4, 1, new float[3], new float[1], OnnxActivation.Identity)),
            "Layer 1: Weights has 3 values; expected OutputCount * InputCount = 1 * 4 = 4" },
        { "bias of the wrong length", Network(OnnxMlpHead.Regression,
                new OnnxDenseLayer(3, 1, new float[3], new float[2], OnnxActivation.Identity)),
            "Layer 0: Bias has 2 values; expected OutputCount = 1" },
        { "NaN weight", Network(OnnxMlpHead.Regression, Layer(3, 2),
                new OnnxDenseLayer(2, 1, [0f, float.NaN], [0f], OnnxActivation.Identity)),
            "Layer 1: Weights[0, 1] is NaN" },
        { "infinite bias", Network(OnnxMlpHead.Regression,
                new OnnxDenseLayer(3, 1, new float[3], [float.PositiveInfinity], OnnxActivation.Identity)),
            "Layer 0: Bias[0] is Infinity" },
        { "no layers", Network(OnnxMlpHead.Regression), "Layers is empty" },
        { "binary head with two outputs", Network(OnnxMlpHead.Binary, Layer(3, 2)),
            "Layer 0 (the output layer) has 2 outputs; a Binary head needs exactly 1" },
        { "multiclass head with one output", Network(OnnxMlpHead.Multiclass, Layer(3, 1)),
            "a Multiclass head needs one per class, at least 2" },
        { "classification output with an activation", Network(OnnxMlpHead.Multiclass, Layer(3, 3, OnnxActivation.Relu)),
            "Layer 0 (the output layer) has activation Relu; a Multiclass head needs Identity" },
        { "zero-width layer", Network(OnnxMlpHead.Regression, Layer(3, 0), Layer(0, 1)),
            "Layer 0: OutputCount is 0" },
        { "undefined activation", Network(OnnxMlpHead.Regression, Layer(3, 1, (OnnxActivation)42)),
            "Layer 0: activation 42 is not a defined OnnxActivation" },
        { "non-finite LeakyRelu slope", Network(OnnxMlpHead.Regression,
                new OnnxDenseLayer(3, 1, new float[3], new float[1], OnnxActivation.LeakyRelu) { LeakyReluAlpha = float.NaN }),
            "Layer 0: LeakyReluAlpha is NaN" },
        { "undefined head", Network((OnnxMlpHead)7, Layer(3, 1)), "Head 7 is not a defined OnnxMlpHead" },
        { "no features", new OnnxMlpDescription(0, [Layer(0, 1)], OnnxMlpHead.Regression), "FeatureCount is 0" },
        { "input named like an output", new OnnxMlpDescription(3, [Layer(3, 1)], OnnxMlpHead.Regression) { InputName = "Score" },
            "InputName \"Score\" is also an output name" },
        { "input named like an internal tensor", new OnnxMlpDescription(3, [Layer(3, 1)], OnnxMlpHead.Regression) { InputName = "mlp/x" },
            "reserved for the exporter's internal tensors" },
        { "empty input name", new OnnxMlpDescription(3, [Layer(3, 1)], OnnxMlpHead.Regression) { InputName = " " },
            "InputName is empty" },
        { "scale per feature missing", new OnnxMlpDescription(3, [Layer(3, 1)], OnnxMlpHead.Regression)
            { InputNormalization = new OnnxInputNormalization([1f, 1f]) },
            "InputNormalization.Scale has 2 values but FeatureCount is 3" },
        { "offset per feature missing", new OnnxMlpDescription(3, [Layer(3, 1)], OnnxMlpHead.Regression)
            { InputNormalization = new OnnxInputNormalization([1f, 1f, 1f], [0f]) },
            "InputNormalization.Offset has 1 values but FeatureCount is 3" },
        { "NaN scale", new OnnxMlpDescription(3, [Layer(3, 1)], OnnxMlpHead.Regression)
            { InputNormalization = new OnnxInputNormalization([1f, float.NaN, 1f]) },
            "InputNormalization.Scale[1] is NaN" },
        { "null metadata value", new OnnxMlpDescription(3, [Layer(3, 1)], OnnxMlpHead.Regression)
            { Metadata = new Dictionary<string, string> { ["Key"] = null! } },
            "Metadata[\"Key\"] is null" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteRefusesWithAMessageNamingTheProblem(string problem, OnnxMlpDescription description, string expectedMessage)
    {
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => OnnxMlpWriter.Write(description, stream));

        Assert.True(error.Message.Contains(expectedMessage, StringComparison.Ordinal),
            $"Case '{problem}': message \"{error.Message}\" does not contain \"{expectedMessage}\".");
        Assert.Equal("description", error.ParamName);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        var valid = RandomMlp.Create(1, OnnxMlpHead.Regression, OnnxActivation.Relu, normalize: false);
        Assert.Throws<ArgumentNullException>(() => OnnxMlpWriter.Write(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => OnnxMlpWriter.Write(valid, (Stream)null!));
        Assert.Throws<ArgumentNullException>(() => new OnnxMlpDescription(3, null!, OnnxMlpHead.Binary));
        Assert.Throws<ArgumentNullException>(() => new OnnxDenseLayer(3, 1, null!, [0f], OnnxActivation.Relu));
        Assert.Throws<ArgumentNullException>(() => new OnnxInputNormalization(null!));
    }

    [Fact]
    public void ReadOnlyStreamIsRefused()
    {
        var valid = RandomMlp.Create(1, OnnxMlpHead.Regression, OnnxActivation.Relu, normalize: false);
        using var readOnly = new MemoryStream(new byte[16], writable: false);
        var error = Assert.Throws<ArgumentException>(() => OnnxMlpWriter.Write(valid, readOnly));
        Assert.Equal("destination", error.ParamName);
    }
}
