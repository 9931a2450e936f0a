using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.MlNet;

/// <summary>Every bad input of issue 3 item 7 gets an ML.NET-style exception naming the column, row or value.</summary>
public class InputValidationTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public float Weight { get; set; } = 1f;
    }

    private sealed class TextLabelRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    private sealed class UnknownSizeRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class DoubleRow
    {
        [VectorType(2)] public double[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class ThreeFeatureRow
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private static Row[] Rows(int count = 40) => Enumerable.Range(0, count)
        .Select(i => new Row { Features = [i % 7, i % 3], Label = i % 2 == 0 }).ToArray();

    private MlpBinaryTrainer Trainer(string? weight = null) =>
        _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 1, ExampleWeightColumnName = weight });

    [Fact]
    public void MissingFeatureColumnIsNamed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(featureColumnName: "Pixels").Fit(_ml.Data.LoadFromEnumerable(Rows())));
        Assert.Contains("feature column 'Pixels'", error.Message);
        Assert.Contains("'Features'", error.Message); // lists what there is
    }

    [Fact]
    public void MissingLabelColumnIsNamed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(labelColumnName: "Outcome").Fit(_ml.Data.LoadFromEnumerable(Rows())));
        Assert.Contains("label column 'Outcome'", error.Message);
    }

    [Fact]
    public void WrongFeatureTypeIsNamedWithAFix()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new DoubleRow { Features = [1, 2], Label = true }, new DoubleRow { Features = [2, 1] } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer().Fit(data));
        Assert.Contains("Schema mismatch for feature column 'Features'", error.Message);
        Assert.Contains("Double", error.Message);
        Assert.Contains("ConvertType", error.Message);
    }

    [Fact]
    public void WrongBinaryLabelTypeIsNamed()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new TextLabelRow { Features = [1, 2], Label = "yes" } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer().Fit(data));
        Assert.Contains("label column 'Label'", error.Message);
        Assert.Contains("Boolean", error.Message);
    }

    [Fact]
    public void FeatureVectorOfUnknownSizeIsExplained()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new UnknownSizeRow { Features = [1, 2], Label = true } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer().Fit(data));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("size is not known", error.Message);
    }

    [Fact]
    public void NaNFeatureNamesTheColumnRowAndSlot()
    {
        var rows = Rows();
        rows[17].Features[1] = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => Trainer().Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 17 of feature column 'Features'", error.Message);
        Assert.Contains("slot 1", error.Message);
        Assert.Contains("ReplaceMissingValues", error.Message);
    }

    [Fact]
    public void AnUnusableValueInTheValidationDataIsSaidToBeThere()
    {
        // The message named "row 3 of feature column", and users looked for it in the training data.
        var validation = Rows(20);
        validation[3].Features[1] = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => Trainer().Fit(_ml.Data.LoadFromEnumerable(Rows()), _ml.Data.LoadFromEnumerable(validation)));
        Assert.Contains("Row 3 of the validation data's feature column 'Features' has NaN in slot 1", error.Message);
    }

    [Fact]
    public void NaNFeatureWhileScoringNamesTheRow()
    {
        var model = Trainer().Fit(_ml.Data.LoadFromEnumerable(Rows()));
        var rows = Rows(5);
        rows[3].Features[0] = float.PositiveInfinity;
        var error = Assert.Throws<InvalidOperationException>(() => model.Transform(_ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score").ToArray());
        Assert.Contains("Row 3 of feature column 'Features'", error.Message);
    }

    [Fact]
    public void ZeroTrainingRowsIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Trainer().Fit(_ml.Data.LoadFromEnumerable(Array.Empty<Row>())));
        Assert.Contains("no rows", error.Message);
    }

    [Fact]
    public void BinaryLabelWithOneClassOnlyIsRejected()
    {
        var rows = Rows().Select(r => { r.Label = true; return r; }).ToArray();
        var error = Assert.Throws<ArgumentException>(() => Trainer().Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Label column 'Label' holds only true values", error.Message);
        Assert.Contains("both classes", error.Message);
    }

    [Fact]
    public void MulticlassLabelThatIsNotAKeySaysToMapValueToKey()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new TextLabelRow { Features = [1, 2], Label = "a" }, new TextLabelRow { Features = [2, 1], Label = "b" } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.Trainers.Mlp().Fit(data));
        Assert.Contains("label column 'Label'", error.Message);
        Assert.Contains("MapValueToKey(\"Label\")", error.Message);
    }

    [Fact]
    public void AKeyLabelOfOneClassSaysSoInsteadOfAskingForAKey()
    {
        var rows = new[] { new TextLabelRow { Features = [1, 2], Label = "a" }, new TextLabelRow { Features = [2, 1], Label = "a" } };
        var data = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.Trainers.Mlp().Fit(data));
        Assert.Contains("The key has 1 value: the data that fitted MapValueToKey held one class, and a classifier needs two or more.", error.Message);
        Assert.DoesNotContain("Map the label to a key first", error.Message);
    }

    [Fact]
    public void ValidationSetWithADifferentSchemaIsRejected()
    {
        var train = _ml.Data.LoadFromEnumerable(Rows());
        var validation = _ml.Data.LoadFromEnumerable(new[] { new ThreeFeatureRow { Features = [1, 2, 3], Label = true } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer().Fit(train, validation));
        Assert.Contains("validation feature column 'Features'", error.Message);
        Assert.Contains("Vector<Single, 2>", error.Message);
    }

    [Fact]
    public void ScoringDataWithADifferentFeatureSizeIsRejected()
    {
        var model = Trainer().Fit(_ml.Data.LoadFromEnumerable(Rows()));
        var other = _ml.Data.LoadFromEnumerable(new[] { new ThreeFeatureRow { Features = [1, 2, 3], Label = true } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(other));
        Assert.Contains("feature column 'Features'", error.Message);
        Assert.Contains("trained on 2 features", error.Message);
    }

    [Fact]
    public void NegativeExampleWeightNamesTheRow()
    {
        var rows = Rows();
        rows[5].Weight = -1f;
        var error = Assert.Throws<InvalidOperationException>(() => Trainer("Weight").Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 5 of example weight column 'Weight'", error.Message);
    }

    [Fact]
    public void InvalidOptionsNameTheOption()
    {
        var data = _ml.Data.LoadFromEnumerable(Rows());
        Assert.Contains("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { LearningRate = -1f }).Fit(data)).Message);
        Assert.Contains("Dropout", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { Dropout = 1.5f }).Fit(data)).Message);
    }
}
