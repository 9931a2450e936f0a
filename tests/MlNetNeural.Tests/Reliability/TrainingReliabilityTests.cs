using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Training;
using MlNetNeural.Trainers;
using MlNetNeural.Uncertainty;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// Training through ML.NET that cannot work is refused fast with the option to change, diverging or useless training
/// says so, cancellation leaves an honest history, and a feature vector of the wrong length is named by its row everywhere.
/// </summary>
public sealed class TrainingReliabilityTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class OneFeatureRow
    {
        [VectorType(1)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public float Target { get; set; }
    }

    private IDataView OneFeature(int rows = 40, float targetScale = 1f) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows)
        .Select(i => new OneFeatureRow { Features = [i % 5 - 2f], Label = i % 2 == 0, Target = ((i % 5 - 2f) * 2f + i % 3 * 0.1f) * targetScale }).ToList());

    private IDataView Rows(int rows = 40) => _ml.Data.LoadFromEnumerable(ShippedTransforms.CreateRows(rows, seed: 3));

    [Theory]
    [InlineData(new[] { int.MaxValue }, "of the network on 1 inputs has 2,147,483,647 outputs: one of its arrays would hold")]
    [InlineData(new[] { 100_000_000 }, "one of its arrays would hold 3,200,000,000 values, more than .NET allows in an array")]
    [InlineData(new[] { 46_000, 46_000, 46_000, 46_000, 46_000, 46_000 }, "GB (weights, gradients, optimizer state and mini-batch buffers), more than the")]
    public void AHiddenLayerTooLargeToTrainIsRefusedFastNamingTheOptionAndTheSize(int[] units, string size)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { HiddenLayers = units, MaxEpochs = 1 }).Fit(OneFeature()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refusing took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(nameof(MlpTrainerOptions.HiddenLayers), error.ParamName);
        Assert.Contains($"HiddenLayers [{string.Join(", ", units)}] on 1 features with BatchSize 32", error.Message);
        Assert.Contains(size, error.Message);
    }

    [Fact]
    public void MulticlassTrainingOnAKeyOfThreeValuesWithOneClassIsRefused()
    {
        var rows = ShippedTransforms.CreateRows(30, seed: 4);
        var keys = _ml.Transforms.Conversion.MapValueToKey("KindKey", nameof(ScoringRow.Kind)).Fit(_ml.Data.LoadFromEnumerable(rows));
        foreach (var row in rows) row.Kind = "b";
        var oneClass = keys.Transform(_ml.Data.LoadFromEnumerable(rows));

        var error = Assert.Throws<ArgumentException>(() =>
            _ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { LabelColumnName = "KindKey", MaxEpochs = 1 }).Fit(oneClass));

        Assert.Contains("Label column 'KindKey' holds only the class 'b' in all 30 training rows although its key type has 3 values", error.Message);
    }

    [Fact]
    public void AValidationFractionThatHoldsOutNoRowIsRefusedNamingTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { ValidationFraction = 0.5f, MaxEpochs = 1 }).Fit(OneFeature(rows: 2)));
        Assert.Equal(nameof(MlpTrainerOptions.ValidationFraction), error.ParamName);
        Assert.Contains("ValidationFraction 0.5 of 2 training rows holds out no row", error.Message);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 0f, "WarmupEpochs must be a finite number of epochs")]
    [InlineData(1.0, float.NaN, "MinimumLearningRateFactor must be in [0, 1]; it is NaN.")]
    public void OutOfRangeScheduleOptionsAreRefusedByTheirName(double warmupEpochs, float minimumFactor, string message)
    {
        var options = new MlpBinaryTrainer.Options
        {
            LearningRateSchedule = Core.Schedules.LearningRateScheduleKind.CosineWithWarmup, WarmupEpochs = warmupEpochs, MinimumLearningRateFactor = minimumFactor,
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.Trainers.Mlp(options).Fit(OneFeature()));
        Assert.Contains(message, error.Message);
        Assert.Equal(message.Split(' ')[0], error.ParamName);
    }

    [Fact]
    public void DivergingTrainingStopsWithWhatToDo()
    {
        var adam = Assert.Throws<TrainingDivergedException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { LearningRate = 1e9f, MaxEpochs = 20, HiddenLayers = [16] }).Fit(Rows(200)));
        Assert.Contains("Lower the learning rate", adam.Message);
    }

    [Fact]
    public void RegressionLabelsOf1e20AreLearnedInTheirOwnUnits()
    {
        var data = OneFeature(rows: 200, targetScale: 1e20f);
        var model = _ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { LabelColumnName = nameof(OneFeatureRow.Target), MaxEpochs = 30, Seed = 1 }).Fit(data);

        var metrics = _ml.Regression.Evaluate(model.Transform(data), labelColumnName: nameof(OneFeatureRow.Target));

        Assert.False(model.Model.History.LearnedNothing, model.Model.History.StopMessage);
        Assert.True(metrics.RSquared > 0.9, $"R² {metrics.RSquared:F3}");
    }

    [Fact]
    public void WithoutValidationNoEpochIsLoggedAsBestAndWithValidationTheBestAre()
    {
        List<string> Log(float validationFraction)
        {
            var ml = new MLContext(seed: 1);
            var lines = new List<string>();
            ml.Log += (_, e) => { lock (lines) if (e.Message.Contains("train loss", StringComparison.Ordinal)) lines.Add(e.Message); };
            ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 4, ValidationFraction = validationFraction, HiddenLayers = [8], EnsembleSize = 1 })
                .Fit(ml.Data.LoadFromEnumerable(ShippedTransforms.CreateRows(200, seed: 3)));
            return lines;
        }
        var without = Log(0f);
        Assert.Equal(4, without.Count);
        Assert.DoesNotContain(without, line => line.Contains("(best)", StringComparison.Ordinal));
        Assert.Contains(Log(0.2f), line => line.Contains("(best)", StringComparison.Ordinal));
    }

    [Fact]
    public void CancelledBeforeTheFirstMiniBatchOfAHugeBatchTheHistorySaysTheModelIsUntrained()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var model = _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            BatchSize = 200_000, MaxEpochs = 5, CancellationToken = cancellation.Token,
        }).Fit(Rows(300)).Model;

        Assert.Equal(StopReason.Cancelled, model.History.StopReason);
        Assert.Equal(0, model.BestEpoch);
        Assert.Contains("cancelled during epoch 1, after 0 of its 1 mini-batches; the model holds its initial, untrained weights", model.History.StopMessage);
    }

    [Fact]
    public void AFeatureVectorOfTheWrongLengthIsNamedByItsRowInTrainingScoringAndUncertainty()
    {
        var rows = ShippedTransforms.CreateRows(100, seed: 6);
        var good = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 1, HiddenLayers = [4], Dropout = 0.2f }).Fit(good);
        rows[77].Features = rows[77].Features[..4];
        var bad = _ml.Data.LoadFromEnumerable(rows);
        const string Expected = "Row 77 of feature column 'Features' has 4 values but the column declares 6";

        Assert.Contains(Expected, Assert.Throws<InvalidOperationException>(() => _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 1 }).Fit(bad)).Message);
        Assert.Contains(Expected, Assert.Throws<InvalidOperationException>(() => model.Transform(bad).GetColumn<float>("Score").ToArray()).Message);
        Assert.Contains(Expected, Assert.Throws<InvalidOperationException>(() =>
            model.WithMonteCarloDropout(passes: 3).Transform(bad).GetColumn<float>(MonteCarloDropoutColumns.ProbabilityMean).ToArray()).Message);
        var engine = _ml.Model.CreatePredictionEngine<ScoringRow, ScoreOnly>(model);
        var error = Assert.Throws<InvalidOperationException>(() => engine.Predict(rows[77]));
        Assert.Contains("has 4 values but the column declares 6", error.Message);
    }

    public sealed class ScoreOnly
    {
        public float Score { get; set; }
    }
}
