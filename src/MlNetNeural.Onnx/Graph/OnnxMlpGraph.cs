using MlNetNeural.Onnx.Protobuf;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.Graph;

/// <summary>
/// Builds the ONNX graph of a validated <see cref="OnnxMlpDescription"/>: the input (or, for a converted ML.NET model, the
/// raw inputs and the translated pipeline steps), the optional input normalization, each
/// layer's own nodes (<see cref="OnnxLayer.AddTo"/>), then the head's output nodes.
/// </summary>
internal static class OnnxMlpGraph
{
    /// <summary>Prefix of every internal tensor name (initializers and intermediate values).</summary>
    public const string InternalNamePrefix = "mlp/";

    public const string GraphName = "MlNetNeuralMlp";

    public static GraphProto Build(OnnxMlpDescription description)
    {
        var graph = new OnnxGraphBuilder(GraphName);
        string value;
        if (description.Preparation is { } preparation)
        {
            value = preparation.AddTo(graph);
        }
        else
        {
            graph.AddInput(description.InputName, DataType.Float, BatchDimension, description.FeatureCount);
            value = description.InputName;
        }
        if (description.InputNormalization is { } normalization)
            value = normalization.AsLayer().AddTo(graph, InternalNamePrefix + "normalize/", value, InternalNamePrefix + "normalize/output");

        var layers = description.Layers;
        for (int index = 0; index < layers.Count; index++)
        {
            bool isOutputLayer = index == layers.Count - 1;
            string output = isOutputLayer && description.Head != OnnxMlpHead.Multiclass
                ? OnnxMlpColumnNames.Score
                : $"{InternalNamePrefix}layer{index}/output";
            value = layers[index].AddTo(graph, $"{InternalNamePrefix}layer{index}/", value, output);
        }

        AddHead(graph, description.Head, value, layers[^1].OutputCount, description.DecisionThreshold);
        return graph.Graph;
    }

    private static void AddHead(OnnxGraphBuilder graph, OnnxMlpHead head, string lastLayerOutput, int classCount, float decisionThreshold)
    {
        const string prefix = InternalNamePrefix + "head/";
        switch (head)
        {
            case OnnxMlpHead.Binary:
                graph.AddNode("Sigmoid", [OnnxMlpColumnNames.Score], OnnxMlpColumnNames.Probability);
                string threshold = graph.AddInitializer(prefix + "threshold", [decisionThreshold]);
                graph.AddNode("Greater", [OnnxMlpColumnNames.Score, threshold], OnnxMlpColumnNames.PredictedLabel);
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
