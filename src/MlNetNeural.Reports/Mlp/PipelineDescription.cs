using Microsoft.ML;
using MlNetNeural.Transformers;

namespace MlNetNeural.Reports.Mlp;

/// <summary>Names the steps of a fitted pipeline for a model card, each with the columns it adds.</summary>
internal static class PipelineDescription
{
    /// <summary>The steps of <paramref name="model"/> in order, with nested transformer chains expanded.</summary>
    public static IReadOnlyList<ITransformer> Flatten(ITransformer model) => model is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten).ToArray()
        : [model];

    /// <summary>
    /// One line per step, e.g. "OneHotEncoding → purpose, housing" or "MlpBinaryTrainer 61-16-1 on Features → PredictedLabel, Score, Probability"
    /// ("MlpBinaryTrainer 61-80-1 (5 networks averaged) on Features → ..." for a seed ensemble),
    /// found by passing <paramref name="inputSchema"/> through the steps and listing the columns each one appends.
    /// </summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<ITransformer> steps, DataViewSchema inputSchema)
    {
        var lines = new List<string>(steps.Count);
        var schema = inputSchema;
        foreach (var step in steps)
        {
            var output = step.GetOutputSchema(schema);
            var added = AddedColumns(schema, output);
            var name = step is MlpPredictionTransformer mlp
                ? $"{MlpFacts.TrainerName(mlp)} {string.Join("-", mlp.Model.LayerSizes)}{(mlp.Model.EnsembleMembers > 1 ? $" ({mlp.Model.EnsembleMembers} networks averaged)" : "")} on {mlp.FeatureColumnName}"
                : StepName(step);
            lines.Add(added.Length == 0 ? name : $"{name} → {string.Join(", ", added)}");
            schema = output;
        }
        return lines;
    }

    /// <summary>
    /// Visible output columns that are new or replace an input column of the same name (ML.NET keeps the
    /// replaced column as a hidden one), in output order.
    /// </summary>
    private static string[] AddedColumns(DataViewSchema input, DataViewSchema output)
    {
        var visibleInput = input.Where(column => !column.IsHidden).Select(column => column.Name).ToHashSet();
        int HiddenCount(DataViewSchema schema, string name) => schema.Count(column => column.IsHidden && column.Name == name);
        return output
            .Where(column => !column.IsHidden && (!visibleInput.Contains(column.Name) || HiddenCount(output, column.Name) > HiddenCount(input, column.Name)))
            .Select(column => column.Name)
            .ToArray();
    }

    /// <summary>A transformer's type name without the "Transformer" suffix and generic arity, e.g. "Calibrator&lt;PlattCalibrator&gt;".</summary>
    public static string StepName(ITransformer step) => TypeName(step.GetType());

    private static string TypeName(Type type)
    {
        var name = type.Name;
        var arity = name.IndexOf('`');
        if (arity >= 0) name = name[..arity];
        if (name.EndsWith("Transformer", StringComparison.Ordinal) && name.Length > "Transformer".Length)
            name = name[..^"Transformer".Length];
        return type.IsGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>" : name;
    }
}
