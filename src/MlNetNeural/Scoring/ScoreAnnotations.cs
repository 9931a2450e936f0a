using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>
/// The annotations ML.NET's own trainers put on their score columns (measured on Microsoft.ML 5.0.1),
/// written with the literal kind names because ML.NET keeps <c>AnnotationUtils.Kinds</c> internal.
/// </summary>
internal static class ScoreAnnotations
{
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string ScoreColumnSetId = "ScoreColumnSetId";
    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
    public const string TrainingLabelValues = "TrainingLabelValues";
    public const string IsNormalized = "IsNormalized";

    /// <summary>The type of ScoreColumnSetId: a key over UInt32 with int.MaxValue values.</summary>
    private static readonly KeyDataViewType SetIdType = new(typeof(uint), int.MaxValue);

    /// <summary>Starts the annotations of one score column: its task kind, value kind and set id.</summary>
    /// <param name="taskKind">"BinaryClassification", "MulticlassClassification" or "Regression".</param>
    /// <param name="valueKind">"Score", "Probability" or "PredictedLabel".</param>
    /// <param name="setId">The score-column set this column belongs to (1 for the first scorer in a pipeline).</param>
    public static DataViewSchema.Annotations.Builder Start(string taskKind, string valueKind, uint setId)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = taskKind.AsMemory());
        builder.Add(ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = valueKind.AsMemory());
        builder.Add(ScoreColumnSetId, SetIdType, (ref uint value) => value = setId);
        return builder;
    }

    /// <summary>Adds a vector-of-text annotation (slot names, key values, training label values).</summary>
    public static void AddNames(DataViewSchema.Annotations.Builder builder, string kind, IReadOnlyList<string> names)
    {
        var memories = names.Select(n => n.AsMemory()).ToArray();
        builder.Add(kind, new VectorDataViewType(TextDataViewType.Instance, memories.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(memories.Length, memories));
    }

    /// <summary>
    /// The set id ML.NET would give a new score column set: one more than the largest already in the
    /// schema, so a second scorer in the same pipeline does not collide with the first.
    /// </summary>
    public static uint NextSetId(DataViewSchema input)
    {
        uint max = 0;
        foreach (var column in input)
        {
            var annotation = column.Annotations.Schema.GetColumnOrNull(ScoreColumnSetId);
            if (annotation is not { Type: KeyDataViewType }) continue;
            uint id = 0;
            column.Annotations.GetValue(ScoreColumnSetId, ref id);
            max = Math.Max(max, id);
        }
        return max + 1;
    }
}
