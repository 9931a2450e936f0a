using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tests.MlNet;

/// <summary>Our score columns have exactly the names, types and annotations of ML.NET's built-in trainers' (measured, not assumed).</summary>
public class OutputSchemaTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    private MLContext Ml => models.Ml;

    [Fact]
    public void BinaryColumnsMatchLogisticRegression()
    {
        var reference = Ml.Transforms.NormalizeMeanVariance("Features").Append(Ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(models.BreastCancer);
        AssertSameScoreColumns(reference.Transform(models.BreastCancer).Schema, models.Binary.Transform(models.BreastCancer).Schema, "PredictedLabel", "Score", "Probability");
    }

    [Fact]
    public void MulticlassColumnsMatchMaximumEntropy()
    {
        var reference = Ml.Transforms.Conversion.MapValueToKey("Label", "Digit").Append(Ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new() { MaximumNumberOfIterations = 2 })).Fit(models.Digits);
        AssertSameScoreColumns(reference.Transform(models.Digits).Schema, models.Multiclass.Transform(models.Digits).Schema, "PredictedLabel", "Score");
    }

    [Fact]
    public void RegressionColumnsMatchSdca()
    {
        var prepare = Ml.Transforms.Concatenate("Features", "pressure_height_500mb", "day_of_month").Append(Ml.Transforms.ReplaceMissingValues("Features"));
        var reference = prepare.Append(Ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 2)).Fit(models.Ozone);
        AssertSameScoreColumns(reference.Transform(models.Ozone).Schema, models.Regression.Transform(models.Ozone).Schema, "Score");
    }

    [Fact]
    public void EstimatorOutputSchemaNamesTheScoreColumns()
    {
        var input = new SchemaShape(
        [
            MlNetNeural.MlNet.Internals.SchemaShapeColumns.Create("Features", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
            MlNetNeural.MlNet.Internals.SchemaShapeColumns.Create("Label", SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false),
        ]);
        var shape = Ml.BinaryClassification.Trainers.Mlp().GetOutputSchema(input);
        Assert.Contains(shape, c => c.Name == "Probability" && c.ItemType == NumberDataViewType.Single);
        Assert.Contains(shape, c => c.Name == "PredictedLabel" && c.ItemType == BooleanDataViewType.Instance);
    }

    private static void AssertSameScoreColumns(DataViewSchema expected, DataViewSchema actual, params string[] names)
    {
        string[] Visible(DataViewSchema schema) => schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray();
        Assert.Equal(Visible(expected), Visible(actual));
        foreach (string name in names)
        {
            var e = expected[name];
            var a = actual[name];
            Assert.Equal(e.Type, a.Type);
            Assert.Equal(
                e.Annotations.Schema.Select(c => (c.Name, c.Type.ToString())).OrderBy(x => x.Name),
                a.Annotations.Schema.Select(c => (c.Name, c.Type.ToString())).OrderBy(x => x.Name));
            foreach (var annotation in e.Annotations.Schema)
                Assert.Equal(AnnotationText(e, annotation.Name), AnnotationText(a, annotation.Name));
        }
    }

    private static string AnnotationText(DataViewSchema.Column column, string kind)
    {
        var type = column.Annotations.Schema[kind].Type;
        if (type is TextDataViewType)
        {
            ReadOnlyMemory<char> text = default;
            column.Annotations.GetValue(kind, ref text);
            return text.ToString();
        }
        if (type is VectorDataViewType { ItemType: TextDataViewType })
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            column.Annotations.GetValue(kind, ref names);
            return string.Join("|", names.DenseValues());
        }
        if (type.RawType == typeof(bool))
        {
            bool flag = false;
            column.Annotations.GetValue(kind, ref flag);
            return flag.ToString();
        }
        uint id = 0;
        column.Annotations.GetValue(kind, ref id);
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
