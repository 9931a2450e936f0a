using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.Core.Losses;
using MlNetNeural.Data;
using MlNetNeural.Models;
using MlNetNeural.Scoring;
using MlNetNeural.Transformers;

namespace MlNetNeural.Trainers;

/// <summary>
/// Trains a multilayer perceptron for multiclass classification with softmax cross-entropy. The label
/// is a key (use <c>MapValueToKey</c>); outputs are ML.NET's PredictedLabel (key with the class names)
/// and Score (class probabilities). Create it with <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpMulticlassTrainer : MlpTrainerBase<MlpMulticlassPredictionTransformer, MlpMulticlassTrainer.Options>
{
    /// <summary>Options of <see cref="MlpMulticlassTrainer"/>.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>
        /// Optional weight per class, in key order (the order of the label's key values), each finite and not
        /// negative. Default null: every class weighs 1. Use inverse class frequencies to balance rare classes.
        /// </summary>
        public float[]? ClassWeights { get; set; }
    }

    internal MlpMulticlassTrainer(IHostEnvironment environment, Options options) : base(environment, options, nameof(MlpMulticlassTrainer))
    {
    }

    private protected override MlpTask Task => MlpTask.MulticlassClassification;

    private protected override LabelDescription DescribeLabel(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType key || key.Count < 2 || key.Count > int.MaxValue)
            throw SchemaChecks.Mismatch("label", label.Name, "a key type with at least 2 values", label.Type,
                $"Map the label to a key first: ml.Transforms.Conversion.MapValueToKey(\"{label.Name}\").");
        int classes = (int)key.Count;
        var names = KeyNames(label, classes);
        return new LabelDescription(names);
    }

    private protected override TargetReader CreateTargetReader(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<uint>(label);
        uint value = 0;
        return position =>
        {
            getter(ref value);
            return value != 0 ? value - 1
                : throw new InvalidOperationException(
                    $"Row {position} of label column '{label.Name}' is missing (key value 0, a class not seen when the key mapping was fitted). Filter such rows out or refit MapValueToKey on all data.");
        };
    }

    private protected override ILoss CreateLoss(LabelDescription label) => new SoftmaxCrossEntropyLoss(label.ClassNames.Count, TrainerOptions.ClassWeights);

    private protected override MlpMulticlassPredictionTransformer CreateTransformer(MlpModelParameters model, string featureColumnName) => new(model, featureColumnName);

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => ScoreColumnShapes.Multiclass();

    /// <summary>The label's key values as text, or the class indices when it has none.</summary>
    private static string[] KeyNames(DataViewSchema.Column label, int classes)
    {
        var annotation = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation is not { Type: VectorDataViewType { ItemType: var itemType } })
            return Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var read = typeof(MlpMulticlassTrainer).GetMethod(nameof(ReadKeyValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType);
        return (string[])read.Invoke(null, [label, classes])!;
    }

    private static string[] ReadKeyValues<T>(DataViewSchema.Column label, int classes)
    {
        VBuffer<T> values = default;
        label.Annotations.GetValue("KeyValues", ref values);
        return Enumerable.Range(0, classes).Select(i => i < values.Length ? values.GetItemOrDefault(i)?.ToString() ?? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
