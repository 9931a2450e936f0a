using MlNetNeural.Onnx.Graph;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>One exported column: its translation, the graph values it reads and the value it produces.</summary>
internal sealed record PreparedColumn(ColumnTranslation Translation, IReadOnlyList<string> InputValues, string OutputValue);

/// <summary>A graph input: a raw column of the data, under its ML.NET name.</summary>
internal sealed record GraphInput(string Name, ColumnShape Shape);

/// <summary>
/// The part of an exported graph before the network: the raw input columns and the translated pipeline steps that
/// compute the MLP's feature column from them (made by <see cref="PreparationPlanner"/>).
/// </summary>
internal sealed class InputPreparation(IReadOnlyList<GraphInput> inputs, IReadOnlyList<PreparedColumn> columns, string featureValue, IReadOnlyList<string> exportedSteps)
{
    /// <summary>The graph inputs, in the order of the input schema.</summary>
    public IReadOnlyList<GraphInput> Inputs { get; } = inputs;

    /// <summary>The translated columns, each after the columns it reads.</summary>
    public IReadOnlyList<PreparedColumn> Columns { get; } = columns;

    /// <summary>The descriptions of the steps that were translated (steps that do not lead to the features are left out).</summary>
    public IReadOnlyList<string> ExportedSteps { get; } = exportedSteps;

    /// <summary>Declares the inputs, adds every column's nodes and returns the value holding the MLP's features.</summary>
    public string AddTo(OnnxGraphBuilder graph)
    {
        foreach (var input in Inputs)
            graph.AddInput(input.Name, input.Shape.ElementType, BatchDimension, input.Shape.Width);
        foreach (var column in Columns)
            column.Translation.AddTo(graph, column.OutputValue + "/nodes/", column.InputValues, column.OutputValue);
        return featureValue;
    }
}
