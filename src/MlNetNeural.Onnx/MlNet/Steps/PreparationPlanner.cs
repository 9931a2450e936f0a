using Microsoft.ML;
using MlNetNeural.Onnx.Graph;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// Works back from the MLP's feature column through the steps before the MLP: each column comes from the last step
/// before it that writes it (translated by <see cref="StepExporters"/>), or, when no step writes it, from the data as a
/// graph input. Steps whose columns do not lead to the features (such as <c>MapValueToKey</c> of the label) are left
/// out, so the scorer never has to supply their inputs.
/// </summary>
internal sealed class PreparationPlanner
{
    private readonly IReadOnlyList<PipelineStep> _steps;
    private readonly DataViewSchema _inputSchema;
    private readonly Dictionary<string, GraphInput> _inputs = new(StringComparer.Ordinal);
    private readonly List<PreparedColumn> _columns = [];
    private readonly HashSet<string> _translated = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _usedSteps = [];

    private PreparationPlanner(IReadOnlyList<PipelineStep> steps, DataViewSchema inputSchema)
    {
        _steps = steps;
        _inputSchema = inputSchema;
    }

    /// <summary>The preparation computing <paramref name="featureColumn"/>, as the MLP reads it after <paramref name="steps"/>, from the raw columns of <paramref name="inputSchema"/>.</summary>
    /// <exception cref="ArgumentException">A step on the way cannot be exported (parameter <c>model</c>), or a raw column cannot be a graph input (parameter <c>inputSchema</c>).</exception>
    public static InputPreparation Plan(IReadOnlyList<PipelineStep> steps, DataViewSchema inputSchema, string featureColumn)
    {
        var planner = new PreparationPlanner(steps, inputSchema);
        string featureValue = planner.ValueOf(featureColumn, steps.Count);
        var inputs = planner._inputs.Values.OrderBy(input => inputSchema[input.Name].Index).ToArray();
        var exported = planner._usedSteps.Select(index => steps[index].Describe()).Distinct().ToArray();
        return new InputPreparation(inputs, planner._columns, featureValue, exported);
    }

    /// <summary>The graph value holding <paramref name="column"/> as the step at <paramref name="readerIndex"/> reads it.</summary>
    private string ValueOf(string column, int readerIndex)
    {
        var writer = _steps.Take(readerIndex).LastOrDefault(step => step.Writes(column));
        if (writer is null)
            return RawInput(column);
        string value = $"{OnnxMlpGraph.InternalNamePrefix}step{writer.Index + 1}/{column}";
        if (_translated.Add(value))
        {
            var translation = StepExporters.Translate(writer, column);
            var inputs = translation.Inputs.Select(input => ValueOf(input, writer.Index)).ToArray();
            _columns.Add(new PreparedColumn(translation, inputs, value));
            _usedSteps.Add(writer.Index);
        }
        return value;
    }

    private string RawInput(string column)
    {
        if (_inputs.ContainsKey(column))
            return column;
        var schemaColumn = _inputSchema.GetColumnOrNull(column);
        if (schemaColumn is null || schemaColumn.Value.IsHidden)
            throw new ArgumentException($"Cannot convert the model to ONNX: the input schema has no column '{column}', which the exported graph reads.", "inputSchema");
        if (column is OnnxMlpColumnNames.Score or OnnxMlpColumnNames.Probability or OnnxMlpColumnNames.PredictedLabel
            || column.StartsWith(OnnxMlpGraph.InternalNamePrefix, StringComparison.Ordinal))
            throw new ArgumentException(
                $"Cannot convert the model to ONNX: the exported graph would read input column '{column}', a name the graph itself uses (its outputs are named Score, Probability and PredictedLabel; " +
                $"internal values start with '{OnnxMlpGraph.InternalNamePrefix}'). Give the data column another name before the pipeline.", "inputSchema");
        var shape = ColumnShape.Of(schemaColumn.Value.Type);
        if (shape is null || shape.IsKey)
            throw new ArgumentException(
                $"Cannot convert the model to ONNX: the exported graph would read input column '{column}' of type {schemaColumn.Value.Type}, which cannot be a graph input " +
                "(inputs are known-size Single, Double, Boolean, Int32, Int64 or text columns). Export from a column of one of those types.", "inputSchema");
        _inputs.Add(column, new GraphInput(column, shape));
        return column;
    }
}
