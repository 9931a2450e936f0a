using Microsoft.ML.Data;
using Microsoft.ML;
using MlNetNeural.Tests.TestData;
using Xunit.Abstractions;

namespace MlNetNeural.Tests.MlNet;

/// <summary>Each trainer in a standard pipeline against ML.NET's linear baseline on the same split of real data.</summary>
public class TrainerQualityTests(ITestOutputHelper output)
{
    /// <summary>Seeds a comparison averages where one seed's result moves by about the margin the test judges.</summary>
    private const int SeedsPerComparison = 5;

    [Fact]
    public void BinaryMlpOnBreastCancerIsAtLeastAsGoodAsLogisticRegression()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(Datasets.BreastCancer(ml), testFraction: 0.3, seed: 3);
        // fixZero: false centres the features; ML.NET's default only scales them, which slows gradient descent.
        var normalize = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false);
        var baseline = normalize.Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(split.TrainSet);
        var theirs = ml.BinaryClassification.Evaluate(baseline.Transform(split.TestSet));
        // The claim is about the trainer, not about one draw of its seed: a seed picks the initial weights, the order of
        // the rows and the dropout masks, and on this split one seed's accuracy moves by a row or two with it (seeds 0-11
        // with an earlier version: 162 to 165 of the 166 rows right). So the MLP is judged by its mean over five seeds
        // (the mean, not the median, so that one seed that learned badly pulls it down); logistic regression (L-BFGS)
        // has no seed to vary.
        var ours = Enumerable.Range(0, SeedsPerComparison)
            .Select(seed => ml.BinaryClassification.Evaluate(normalize.Append(ml.BinaryClassification.Trainers.Mlp(new() { Seed = seed })).Fit(split.TrainSet).Transform(split.TestSet)))
            .ToArray();
        foreach (var (metrics, seed) in ours.Select((m, s) => (m, s)))
            output.WriteLine($"seed {seed}: MLP accuracy {metrics.Accuracy:F4} AUC {metrics.AreaUnderRocCurve:F4} log-loss {metrics.LogLoss:F4}");
        double accuracy = ours.Average(m => m.Accuracy), auc = ours.Average(m => m.AreaUnderRocCurve), logLoss = ours.Average(m => m.LogLoss);
        output.WriteLine($"MLP mean of {SeedsPerComparison} seeds: accuracy {accuracy:F4} AUC {auc:F4} log-loss {logLoss:F4}; LR accuracy {theirs.Accuracy:F4} AUC {theirs.AreaUnderRocCurve:F4} log-loss {theirs.LogLoss:F4}");
        // AUC and log-loss judge the whole ranking and the probabilities; accuracy at 0.5 on 166 test rows moves by 0.6
        // points with a single row, and which rows the two models get wrong depends on this one split as well, so the
        // mean accuracy may trail by at most one row (the defaults were chosen on 14 tables, not this split).
        long testRows = split.TestSet.GetColumn<bool>("Label").LongCount();
        Assert.True(accuracy >= theirs.Accuracy - 1.0 / testRows, $"MLP mean accuracy {accuracy:F4} is more than one of {testRows} rows below logistic regression's {theirs.Accuracy:F4}");
        Assert.True(auc >= theirs.AreaUnderRocCurve, $"MLP mean AUC {auc:F4} < logistic regression {theirs.AreaUnderRocCurve:F4}");
        Assert.True(logLoss <= theirs.LogLoss, $"MLP mean log-loss {logLoss:F4} > logistic regression {theirs.LogLoss:F4}");
    }

    [Fact]
    public void MulticlassMlpOnDigitsIsAtLeastAsGoodAsMaximumEntropy()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(Datasets.Digits(ml, 3000), testFraction: 0.25, seed: 3);
        var prepare = ml.Transforms.Conversion.MapValueToKey("Label", "Digit");
        var mlp = prepare.Append(ml.MulticlassClassification.Trainers.Mlp(new() { HiddenLayers = [128], MaxEpochs = 20 })).Fit(split.TrainSet);
        var baseline = prepare.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Fit(split.TrainSet);
        var ours = ml.MulticlassClassification.Evaluate(mlp.Transform(split.TestSet));
        var theirs = ml.MulticlassClassification.Evaluate(baseline.Transform(split.TestSet));
        output.WriteLine($"MLP micro {ours.MicroAccuracy:F4} macro {ours.MacroAccuracy:F4} log-loss {ours.LogLoss:F4}; MaxEnt micro {theirs.MicroAccuracy:F4} macro {theirs.MacroAccuracy:F4} log-loss {theirs.LogLoss:F4}");
        Assert.True(ours.MicroAccuracy >= theirs.MicroAccuracy);
        Assert.True(ours.MacroAccuracy >= theirs.MacroAccuracy);
        Assert.True(ours.LogLoss <= theirs.LogLoss);
    }

    [Fact]
    public void RegressionMlpOnOzoneWithMissingValuesIsAtLeastAsGoodAsSdca()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(Datasets.Ozone(ml), testFraction: 0.25, seed: 3);
        string[] features = Datasets.OzoneFeatureNames();
        var prepare = ml.Transforms.Concatenate("Raw", features)
            .Append(ml.Transforms.IndicateMissingValues("Missing", "Raw"))
            .Append(ml.Transforms.ReplaceMissingValues("Raw", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.Conversion.ConvertType("Missing", outputKind: Microsoft.ML.Data.DataKind.Single))
            .Append(ml.Transforms.Concatenate("Features", "Raw", "Missing"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        var mlp = prepare.Append(ml.Regression.Trainers.Mlp()).Fit(split.TrainSet);
        var baseline = prepare.Append(ml.Regression.Trainers.Sdca()).Fit(split.TrainSet);
        var ours = ml.Regression.Evaluate(mlp.Transform(split.TestSet));
        var theirs = ml.Regression.Evaluate(baseline.Transform(split.TestSet));
        output.WriteLine($"MLP RMSE {ours.RootMeanSquaredError:F4} MAE {ours.MeanAbsoluteError:F4} R2 {ours.RSquared:F4}; SDCA RMSE {theirs.RootMeanSquaredError:F4} MAE {theirs.MeanAbsoluteError:F4} R2 {theirs.RSquared:F4}");
        Assert.True(ours.RootMeanSquaredError <= theirs.RootMeanSquaredError);
        Assert.True(ours.RSquared >= theirs.RSquared);
    }
}
