using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Activations;
using MlNetNeural.Data;
using MlNetNeural.Models;
using MlNetNeural.Scoring;

namespace MlNetNeural.Tasks;

/// <summary>
/// Multiclass classification: a key label (use MapValueToKey), one logit per class; outputs PredictedLabel
/// (key over the training classes, with their names as KeyValues) and Score (the class probabilities, with the
/// class names as SlotNames and TrainingLabelValues).
/// </summary>
internal sealed class MulticlassClassificationTask : MlpTaskDefinition
{
    private const string Kind = "MulticlassClassification";

    public static MulticlassClassificationTask Instance { get; } = new();

    public override MlpTask Task => MlpTask.MulticlassClassification;

    public override string LabelAdvice => "Map the label to a key with ml.Transforms.Conversion.MapValueToKey fitted on the training data.";

    public override LabelDescription DescribeLabel(DataViewSchema.Column label)
    {
        if (label.Type is KeyDataViewType { Count: < 2 } single)
            throw SchemaChecks.Mismatch("label", label.Name, "a key type with at least 2 values", label.Type,
                $"The key has {single.Count} value{(single.Count == 1 ? "" : "s")}: the data that fitted MapValueToKey held {(single.Count == 1 ? "one class" : "no class")}, and a classifier needs two or more. Fit MapValueToKey on data with rows of every class.");
        if (label.Type is not KeyDataViewType key || key.Count > int.MaxValue)
            throw SchemaChecks.Mismatch("label", label.Name, "a key type with at least 2 values", label.Type,
                $"Map the label to a key first: ml.Transforms.Conversion.MapValueToKey(\"{label.Name}\").");
        return new LabelDescription(KeyNames(label, (int)key.Count));
    }

    public override TargetReader CreateTargetReader(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<uint>(label);
        uint value = 0;
        return (position, target) =>
        {
            getter(ref value);
            target[0] = value != 0 ? value - 1
                : throw new InvalidOperationException(
                    $"Row {position} of label column '{label.Name}' is missing (key value 0, a class not seen when the key mapping was fitted). Filter such rows out or refit MapValueToKey on all data.");
        };
    }

    public override string DescribeSingleClass(DataViewSchema.Column label, float onlyClass, int rows, LabelDescription description) =>
        $"Label column '{label.Name}' holds only the class '{description.ClassNames[(int)onlyClass]}' in all {rows} training rows although its key type has {description.ClassNames.Count} values; a classifier needs examples of at least two classes.";

    public override IReadOnlyList<HeadColumn> OutputColumns(DataViewSchema inputSchema, IReadOnlyList<string> classNames)
    {
        uint setId = ScoreAnnotations.NextSetId(inputSchema);
        int classes = classNames.Count;
        var label = ScoreAnnotations.Start(Kind, "PredictedLabel", setId);
        ScoreAnnotations.AddNames(label, ScoreAnnotations.KeyValues, classNames);
        var score = ScoreAnnotations.Start(Kind, "Score", setId);
        ScoreAnnotations.AddNames(score, ScoreAnnotations.TrainingLabelValues, classNames);
        ScoreAnnotations.AddNames(score, ScoreAnnotations.SlotNames, classNames);
        return
        [
            new("PredictedLabel", new KeyDataViewType(typeof(uint), classes), label.ToAnnotations(),
                outputs => (ValueGetter<uint>)((ref uint value) => value = (uint)TensorPrimitives.IndexOfMax<float>(outputs()) + 1)),
            new("Score", new VectorDataViewType(NumberDataViewType.Single, classes), score.ToAnnotations(),
                outputs => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, classes);
                    Softmax.Compute(outputs(), editor.Values);
                    value = editor.Commit();
                })),
        ];
    }

    /// <summary>The label's key values as text, or the class indices when it has none.</summary>
    private static string[] KeyNames(DataViewSchema.Column label, int classes)
    {
        var annotation = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation is not { Type: VectorDataViewType { ItemType: var itemType } })
            return Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var read = typeof(MulticlassClassificationTask).GetMethod(nameof(ReadKeyValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType);
        return (string[])read.Invoke(null, [label, classes])!;
    }

    private static string[] ReadKeyValues<T>(DataViewSchema.Column label, int classes)
    {
        VBuffer<T> values = default;
        label.Annotations.GetValue("KeyValues", ref values);
        return Enumerable.Range(0, classes).Select(i => i < values.Length ? values.GetItemOrDefault(i)?.ToString() ?? "" : i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }
}
