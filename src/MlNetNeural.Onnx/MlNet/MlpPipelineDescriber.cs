using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Onnx.MlNet.Steps;
using MlNetNeural.Transformers;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>
/// Turns a fitted ML.NET model (an MLP prediction transformer, optionally after the steps that compute its feature
/// column, in possibly nested chains) into an <see cref="OnnxMlpDescription"/> whose inputs are the raw data columns
/// those steps read. Steps that do not lead to the features are left out; a step on the way that cannot be exported is
/// refused with a message naming it.
/// </summary>
internal static class MlpPipelineDescriber
{
    /// <summary>Metadata key of the multiclass class names (a JSON array of strings, in score order).</summary>
    public const string ClassNamesMetadataKey = "MlNetNeural.ClassNames";

    public static OnnxMlpDescription Describe(ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var steps = PipelineStep.Flatten(model, inputSchema);
        var mlpStep = steps.FirstOrDefault(step => step.Transformer is MlpPredictionTransformer)
            ?? throw ExportRefusal.Model(steps.Count == 0
                ? "The model is an empty chain; there is no MLP prediction transformer to export."
                : $"The model has no MLP prediction transformer (from ml.*.Trainers.Mlp); its steps are {string.Join("; ", steps.Select(s => s.Describe()))}.");
        var mlp = (MlpPredictionTransformer)mlpStep.Transformer;

        if (steps.FirstOrDefault(step => step.Index > mlpStep.Index) is { } after)
            throw ExportRefusal.Model($"{after.Describe()} comes after the MLP; the exported graph ends with the MLP's outputs. Export the chain up to the MLP and apply this step to the ONNX outputs in ML.NET.");

        int featureCount = mlp.Model.FeatureCount;
        RequireFeatureColumn(mlpStep.InputSchema, mlp.FeatureColumnName, featureCount);
        var preparation = PreparationPlanner.Plan(steps.Take(mlpStep.Index).ToArray(), inputSchema, mlp.FeatureColumnName);
        string inputs = string.Join(", ", preparation.Inputs.Select(input => $"'{input.Name}' {input.Shape}"));
        string exported = preparation.ExportedSteps.Count == 0 ? "no step before the MLP" : string.Join("; ", preparation.ExportedSteps);
        return new OnnxMlpDescription(featureCount, MlpNetworkDescription.Layers(mlp.Model.Network), MlpNetworkDescription.Head(mlp.Model.Task))
        {
            DecisionThreshold = mlp is MlpBinaryPredictionTransformer binary ? binary.ScoreThreshold : 0f,
            Preparation = preparation,
            DocString = $"Converted from an ML.NET model: inputs {inputs}; exported steps: {exported}; MLP on feature column '{mlp.FeatureColumnName}' ({mlp.Model.Task}).",
            Metadata = mlp.Model.ClassNames.Count == 0
                ? null
                : new Dictionary<string, string> { [ClassNamesMetadataKey] = JsonSerializer.Serialize(mlp.Model.ClassNames) },
        };
    }

    private static void RequireFeatureColumn(DataViewSchema mlpInput, string name, int featureCount)
    {
        var expected = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        var column = mlpInput.GetColumnOrNull(name);
        if (column is null || column.Value.IsHidden)
            throw new ArgumentException($"Cannot convert the model to ONNX: the input schema has no column '{name}', which the exported graph reads (a vector of {featureCount} Singles).", "inputSchema");
        if (!column.Value.Type.Equals(expected))
        {
            string advice = column.Value.Type == NumberDataViewType.Single
                ? $" The trainer takes one Single as a feature column, the exporter does not yet: put ml.Transforms.Concatenate(\"{name}\", \"{name}\") before the trainer, which makes it a vector of 1, and train again."
                : "";
            throw new ArgumentException($"Cannot convert the model to ONNX: the MLP's feature column '{name}' is {column.Value.Type}; the exported graph needs a known-size vector of {featureCount} Singles.{advice}", "inputSchema");
        }
    }
}
