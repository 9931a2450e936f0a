using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>
/// The step that turns the label column of a <see cref="TabularDataset"/> into what ML.NET's trainers and evaluators read:
/// a Boolean for binary (true = <see cref="LabelDecision.PositiveClass"/>), a key with the classes in
/// <see cref="LabelDecision.Classes"/> order as key values for multiclass, a Single copy for regression.
/// <see cref="TabularFeaturizer"/> ends with it unless <see cref="TabularFeaturizerOptions.IncludeLabel"/> is false,
/// which keeps a scoring pipeline free of the label (data to predict on has none); apply it separately to
/// train or evaluate such a pipeline.
/// </summary>
public static class TabularLabelConversion
{
    /// <summary>The conversion of <paramref name="label"/> into <paramref name="outputColumnName"/>.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="label">The label decision (its column is read by name).</param>
    /// <param name="outputColumnName">The column written (default <c>Label</c>).</param>
    public static IEstimator<ITransformer> Create(MLContext ml, LabelDecision label, string outputColumnName = "Label")
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        switch (label.Task)
        {
            case TabularTask.BinaryClassification:
                var pairs = label.Classes.Select(c => new KeyValuePair<ReadOnlyMemory<char>, bool>(c.AsMemory(), c == label.PositiveClass));
                return ml.Transforms.Conversion.MapValue(outputColumnName, pairs, label.Name);
            case TabularTask.MulticlassClassification:
                var classes = ml.Data.LoadFromEnumerable(label.Classes.Select(c => new ClassName { Value = c }));
                return ml.Transforms.Conversion.MapValueToKey(outputColumnName, label.Name, keyData: classes);
            default:
                return ml.Transforms.CopyColumns(outputColumnName, label.Name);
        }
    }

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }
}
