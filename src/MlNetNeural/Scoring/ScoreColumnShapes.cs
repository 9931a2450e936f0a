using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;
using static Microsoft.ML.SchemaShape.Column;

namespace MlNetNeural.Scoring;

/// <summary>The <see cref="SchemaShape"/> form of each task's score columns, for estimators' GetOutputSchema.</summary>
internal static class ScoreColumnShapes
{
    public static IEnumerable<SchemaShape.Column> Binary() =>
    [
        SchemaShapeColumns.Create("PredictedLabel", VectorKind.Scalar, BooleanDataViewType.Instance, false, ScoreAnnotationShape()),
        SchemaShapeColumns.Create("Score", VectorKind.Scalar, NumberDataViewType.Single, false, ScoreAnnotationShape()),
        SchemaShapeColumns.Create("Probability", VectorKind.Scalar, NumberDataViewType.Single, false,
            ScoreAnnotationShape(SchemaShapeColumns.Create(ScoreAnnotations.IsNormalized, VectorKind.Scalar, BooleanDataViewType.Instance, false))),
    ];

    public static IEnumerable<SchemaShape.Column> Multiclass() =>
    [
        SchemaShapeColumns.Create("PredictedLabel", VectorKind.Scalar, NumberDataViewType.UInt32, true,
            ScoreAnnotationShape(Names(ScoreAnnotations.KeyValues))),
        SchemaShapeColumns.Create("Score", VectorKind.Vector, NumberDataViewType.Single, false,
            ScoreAnnotationShape(Names(ScoreAnnotations.SlotNames), Names(ScoreAnnotations.TrainingLabelValues))),
    ];

    public static IEnumerable<SchemaShape.Column> Regression() =>
    [
        SchemaShapeColumns.Create("Score", VectorKind.Scalar, NumberDataViewType.Single, false, ScoreAnnotationShape()),
    ];

    private static SchemaShape.Column Names(string kind) => SchemaShapeColumns.Create(kind, VectorKind.Vector, TextDataViewType.Instance, false);

    private static SchemaShape ScoreAnnotationShape(params SchemaShape.Column[] extra) => new(
    [
        SchemaShapeColumns.Create(ScoreAnnotations.ScoreColumnKind, VectorKind.Scalar, TextDataViewType.Instance, false),
        SchemaShapeColumns.Create(ScoreAnnotations.ScoreValueKind, VectorKind.Scalar, TextDataViewType.Instance, false),
        SchemaShapeColumns.Create(ScoreAnnotations.ScoreColumnSetId, VectorKind.Scalar, NumberDataViewType.UInt32, true),
        .. extra,
    ]);
}
