using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests;

/// <summary>
/// An exported file scored through ML.NET's <c>ApplyOnnxModel</c> gives columns with ML.NET's names, the documented
/// types and the reference values, and OnnxRuntime logs no warning while ML.NET loads and runs it.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class MlNetApplyOnnxModelTests
{
    private const int RowCount = 200;

    private sealed class FeatureRow
    {
        [VectorType(RandomMlp.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void BinaryColumnsHaveMlNetNamesTypesAndReferenceValues()
    {
        var description = RandomMlp.Create(41, OnnxMlpHead.Binary, OnnxActivation.Gelu, normalize: true);
        var (schema, columns, expected) = ScoreWithMlNet(description);

        AssertVector(schema[OnnxMlpColumnNames.Score].Type, NumberDataViewType.Single, 1);
        AssertVector(schema[OnnxMlpColumnNames.Probability].Type, NumberDataViewType.Single, 1);
        AssertVector(schema[OnnxMlpColumnNames.PredictedLabel].Type, BooleanDataViewType.Instance, 1);
        AssertClose(expected.Select(e => e.Score[0]), columns.Score.Select(s => (double)s[0]));
        AssertClose(expected.Select(e => e.Probability!.Value), columns.Probability!.Select(p => (double)p[0]));
        AssertLabelsAgree(expected, e => e.BinaryLabel!.Value, columns.BinaryLabel!.Select(l => l[0]).ToArray());
    }

    [Fact]
    public void MulticlassColumnsHaveMlNetNamesTypesAndReferenceValues()
    {
        var description = RandomMlp.Create(42, OnnxMlpHead.Multiclass, OnnxActivation.Relu, normalize: true);
        var (schema, columns, expected) = ScoreWithMlNet(description);

        AssertVector(schema[OnnxMlpColumnNames.Score].Type, NumberDataViewType.Single, RandomMlp.ClassCount);
        AssertVector(schema[OnnxMlpColumnNames.PredictedLabel].Type, NumberDataViewType.Int64, 1);
        AssertClose(expected.SelectMany(e => e.Score), columns.Score.SelectMany(s => s.Select(v => (double)v)));
        AssertLabelsAgree(expected, e => e.ClassIndex!.Value, columns.ClassIndex!.Select(l => l[0]).ToArray());
    }

    [Fact]
    public void RegressionScoreColumnHasReferenceValues()
    {
        var description = RandomMlp.Create(43, OnnxMlpHead.Regression, OnnxActivation.Tanh, normalize: false);
        var (schema, columns, expected) = ScoreWithMlNet(description);

        AssertVector(schema[OnnxMlpColumnNames.Score].Type, NumberDataViewType.Single, 1);
        AssertClose(expected.Select(e => e.Score[0]), columns.Score.Select(s => (double)s[0]));
    }

    private sealed record ScoredColumns(float[][] Score, float[][]? Probability, bool[][]? BinaryLabel, long[][]? ClassIndex);

    private static (DataViewSchema Schema, ScoredColumns Columns, ExpectedRow[] Expected) ScoreWithMlNet(OnnxMlpDescription description)
    {
        float[] rows = RandomMlp.Rows(seed: 99, RowCount);
        var expected = ExpectedOutputs.For(description, rows);
        var outputNames = OutputNames(description.Head);
        using var directory = new TemporaryDirectory();
        string modelPath = directory.File("model.onnx");
        OnnxMlpWriter.Write(description, modelPath);

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, RowCount).Select(r => new FeatureRow
        {
            Features = rows.AsSpan(r * RandomMlp.FeatureCount, RandomMlp.FeatureCount).ToArray(),
        }));

        DataViewSchema schema = null!;
        ScoredColumns columns = null!;
        var warnings = OnnxRuntimeLog.Capture(() =>
        {
            using var transformer = ml.Transforms
                .ApplyOnnxModel(outputColumnNames: outputNames, inputColumnNames: [OnnxMlpColumnNames.Features], modelFile: modelPath)
                .Fit(data);
            var scored = transformer.Transform(data);
            schema = scored.Schema;
            columns = new ScoredColumns(
                scored.GetColumn<float[]>(OnnxMlpColumnNames.Score).ToArray(),
                description.Head == OnnxMlpHead.Binary ? scored.GetColumn<float[]>(OnnxMlpColumnNames.Probability).ToArray() : null,
                description.Head == OnnxMlpHead.Binary ? scored.GetColumn<bool[]>(OnnxMlpColumnNames.PredictedLabel).ToArray() : null,
                description.Head == OnnxMlpHead.Multiclass ? scored.GetColumn<long[]>(OnnxMlpColumnNames.PredictedLabel).ToArray() : null);
        });
        Assert.Empty(warnings);
        return (schema, columns, expected);
    }

    private static string[] OutputNames(OnnxMlpHead head) => head switch
    {
        OnnxMlpHead.Binary => [OnnxMlpColumnNames.Score, OnnxMlpColumnNames.Probability, OnnxMlpColumnNames.PredictedLabel],
        OnnxMlpHead.Multiclass => [OnnxMlpColumnNames.Score, OnnxMlpColumnNames.PredictedLabel],
        _ => [OnnxMlpColumnNames.Score],
    };

    private static void AssertVector(DataViewType type, DataViewType itemType, int size)
    {
        var vector = Assert.IsType<VectorDataViewType>(type);
        Assert.Equal(itemType, vector.ItemType);
        Assert.Equal(size, vector.Size);
    }

    private static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual)
    {
        double[] e = expected.ToArray(), a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        double maxError = e.Zip(a, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(maxError <= ExpectedOutputs.Tolerance, $"Max absolute error {maxError:E3} exceeds {ExpectedOutputs.Tolerance:E0}.");
    }

    private static void AssertLabelsAgree<T>(ExpectedRow[] expected, Func<ExpectedRow, T> label, T[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int row = 0; row < expected.Length; row++)
        {
            if (!expected[row].LabelIsAmbiguous)
                Assert.Equal(label(expected[row]), actual[row]);
        }
    }
}
