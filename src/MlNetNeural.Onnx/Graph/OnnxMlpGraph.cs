using MlNetNeural.Onnx.Protobuf;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.Graph;

/// <summary>
/// Builds the ONNX graph of a validated <see cref="OnnxMlpDescription"/>: optional Sub/Mul normalization, one Gemm
/// (transB = 1) plus activation nodes per layer, then the head's output nodes.
/// </summary>
internal static class OnnxMlpGraph
{
    /// <summary>Prefix of every internal tensor name (initializers and intermediate values).</summary>
    public const string InternalNamePrefix = "mlp/";

    public const string GraphName = "MlNetNeuralMlp";

    public static GraphProto Build(OnnxMlpDescription description)
    {
        var graph = new OnnxGraphBuilder(GraphName);
        graph.AddInput(description.InputName, DataType.Float, BatchDimension, description.FeatureCount);

        string value = description.InputName;
        if (description.InputNormalization is { } normalization)
            value = AddNormalization(graph, normalization, value, description.FeatureCount);

        var layers = description.Layers;
        for (int index = 0; index < layers.Count; index++)
        {
            bool isOutputLayer = index == layers.Count - 1;
            string output = isOutputLayer && description.Head != OnnxMlpHead.Multiclass
                ? OnnxMlpColumnNames.Score
                : $"{InternalNamePrefix}layer{index}/output";
            value = AddDenseLayer(graph, layers[index], index, value, output);
        }

        AddHead(graph, description.Head, value, layers[^1].OutputCount);
        return graph.Graph;
    }

    private static string AddNormalization(OnnxGraphBuilder graph, OnnxInputNormalization normalization, string input, int featureCount)
    {
        const string prefix = InternalNamePrefix + "normalize/";
        string value = input;
        if (normalization.Offset is { } offset && offset.Any(o => o != 0f))
        {
            string offsetName = graph.AddInitializer(prefix + "offset", offset, featureCount);
            value = graph.AddNode("Sub", [value, offsetName], prefix + "centered");
        }
        string scaleName = graph.AddInitializer(prefix + "scale", normalization.Scale, featureCount);
        return graph.AddNode("Mul", [value, scaleName], prefix + "output");
    }

    private static string AddDenseLayer(OnnxGraphBuilder graph, OnnxDenseLayer layer, int index, string input, string output)
    {
        string prefix = $"{InternalNamePrefix}layer{index}/";
        string weights = graph.AddInitializer(prefix + "weight", layer.Weights, layer.OutputCount, layer.InputCount);
        string bias = graph.AddInitializer(prefix + "bias", layer.Bias, layer.OutputCount);
        string linearOutput = layer.Activation == OnnxActivation.Identity ? output : prefix + "linear";
        string linear = graph.AddNode("Gemm", [input, weights, bias], linearOutput, IntAttribute("transB", 1));
        return AddActivation(graph, layer, prefix, linear, output);
    }

    private static string AddActivation(OnnxGraphBuilder graph, OnnxDenseLayer layer, string prefix, string input, string output) =>
        layer.Activation switch
        {
            OnnxActivation.Identity => input,
            OnnxActivation.Relu => graph.AddNode("Relu", [input], output),
            OnnxActivation.LeakyRelu => graph.AddNode("LeakyRelu", [input], output, FloatAttribute("alpha", layer.LeakyReluAlpha)),
            OnnxActivation.Tanh => graph.AddNode("Tanh", [input], output),
            OnnxActivation.Sigmoid => graph.AddNode("Sigmoid", [input], output),
            OnnxActivation.Gelu => AddGelu(graph, prefix + "gelu/", input, output),
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Unknown activation."),
        };

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

    private static void AddHead(OnnxGraphBuilder graph, OnnxMlpHead head, string lastLayerOutput, int classCount)
    {
        const string prefix = InternalNamePrefix + "head/";
        switch (head)
        {
            case OnnxMlpHead.Binary:
                graph.AddNode("Sigmoid", [OnnxMlpColumnNames.Score], OnnxMlpColumnNames.Probability);
                string zero = graph.AddInitializer(prefix + "zero", [0f]);
                graph.AddNode("Greater", [OnnxMlpColumnNames.Score, zero], OnnxMlpColumnNames.PredictedLabel);
                graph.AddOutput(OnnxMlpColumnNames.Score, DataType.Float, BatchDimension, 1);
                graph.AddOutput(OnnxMlpColumnNames.Probability, DataType.Float, BatchDimension, 1);
                graph.AddOutput(OnnxMlpColumnNames.PredictedLabel, DataType.Bool, BatchDimension, 1);
                break;
            case OnnxMlpHead.Multiclass:
                graph.AddNode("Softmax", [lastLayerOutput], OnnxMlpColumnNames.Score, IntAttribute("axis", 1));
                graph.AddNode("ArgMax", [OnnxMlpColumnNames.Score], OnnxMlpColumnNames.PredictedLabel,
                    IntAttribute("axis", 1), IntAttribute("keepdims", 0));
                graph.AddOutput(OnnxMlpColumnNames.Score, DataType.Float, BatchDimension, classCount);
                graph.AddOutput(OnnxMlpColumnNames.PredictedLabel, DataType.Int64, BatchDimension);
                break;
            case OnnxMlpHead.Regression:
                graph.AddOutput(OnnxMlpColumnNames.Score, DataType.Float, BatchDimension, 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(head), head, "Unknown head.");
        }
    }
}
