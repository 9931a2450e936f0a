using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Training;
using MlNetNeural.FineTuning;
using MlNetNeural.Tests.Explanations;
using MlNetNeural.Tests.MlNet;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Uncertainty;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>
/// EnsembleSize through the ML.NET trainers: the model scores the mean of its members in every task, says it is an ensemble,
/// reports progress per member, and is one network for everything that takes a model (save/load, PredictionEngine, feature
/// contributions, Monte-Carlo dropout, fine-tuning); what cannot be combined with it is refused by name.
/// </summary>
public sealed class EnsembleTrainerTests(EnsembleModels models) : IClassFixture<EnsembleModels>
{
    [Fact]
    public void ABinaryEnsembleScoresTheMeanLogitOfItsMembers()
    {
        float[] ensemble = Scores(models.Binary.Transform(models.BreastCancer));
        float[][] members = models.BinaryMembers.Select(member => Scores(member.Transform(models.BreastCancer))).ToArray();
        AssertMean(members, ensemble);
        Assert.Equal([30, 48, 24, 1], models.Binary.Model.LayerSizes);
    }

    [Fact]
    public void ARegressionEnsemblePredictsTheMeanInLabelUnits()
    {
        float[] ensemble = Scores(models.Regressor.Transform(models.Ozone));
        float[][] members = models.RegressorMembers.Select(member => Scores(member.Transform(models.Ozone))).ToArray();
        AssertMean(members, ensemble);
        Assert.InRange(ensemble.Average(), 5, 20); // ozone, in its own units
    }

    [Fact]
    public void AMulticlassEnsembleAveragesTheMembersLogitsNotTheirProbabilities()
    {
        float[][] ensemble = models.Classifier.Transform(models.Digits).GetColumn<float[]>("Score").ToArray();
        float[][][] members = models.ClassifierMembers.Select(member => member.Transform(models.Digits).GetColumn<float[]>("Score").ToArray()).ToArray();
        for (int row = 0; row < ensemble.Length; row++)
        {
            // log p = logit − log Σ exp(logit): the mean of the members' log-probabilities is the mean logit up to a constant.
            double[] meanLog = Enumerable.Range(0, 10).Select(c => members.Average(member => Math.Log(member[row][c]))).ToArray();
            double total = meanLog.Sum(Math.Exp);
            for (int c = 0; c < 10; c++)
                Assert.True(Math.Abs(ensemble[row][c] - Math.Exp(meanLog[c]) / total) <= 1e-5, $"row {row}, class {c}: {ensemble[row][c]} vs {Math.Exp(meanLog[c]) / total}");
        }
    }

    [Fact]
    public void TheModelSaysItIsAnEnsembleAndWhichHistoryItShows()
    {
        var model = models.Binary.Model;
        var options = model.TrainerOptions.ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal("3", options[nameof(MlpTrainerOptions.EnsembleSize)]);
        Assert.StartsWith($"3 networks averaged (seeds {EnsembleModels.Seed}, ", options["Ensemble"]);
        Assert.StartsWith("An ensemble of 3 networks", model.History.StopMessage);
        Assert.Contains("The history shown is member 1's", model.History.StopMessage);
        Assert.Equal(models.BinaryMembers[0].Model.History.TrainLoss, model.History.TrainLoss);
        Assert.Equal(models.BinaryMembers[0].Model.BestEpoch, model.BestEpoch);
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(member => Enumerable.Repeat(member, 10)), models.Progress.Select(report => report.Member));
        Assert.Equal(3, model.EnsembleMembers);
        Assert.Equal(1, models.BinaryMembers[0].Model.EnsembleMembers);
    }

    [Fact]
    public void TheLogNamesTheMemberOfEachEpoch()
    {
        var ml = new MLContext(seed: 1);
        var lines = new List<string>();
        ml.Log += (_, e) => { lock (lines) lines.Add(e.Message); };
        ml.BinaryClassification.Trainers.Mlp(EnsembleModels.BinaryOptions(2, 3)).Fit(models.BreastCancer);
        Assert.Contains(lines, line => line.Contains("Training an ensemble of 2 BinaryClassification MLPs 30-16-8-1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Member 1 of 2, epoch 1: train loss", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Member 2 of 2, epoch 10: train loss", StringComparison.Ordinal));
    }

    [Fact]
    public void SavedAndLoadedTheEnsembleScoresTheSameBitsAndPredictionEngineAgreesWithTransform()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("mlnn-ensemble-").FullName, "ensemble.zip");
        try
        {
            models.Ml.Model.Save(models.Binary, models.BreastCancer.Schema, path);
            var fresh = new MLContext(seed: 9).RegisterMlNetNeural();
            var loaded = fresh.Model.Load(path, out _);
            float[] expected = Scores(models.Binary.Transform(models.BreastCancer));
            Assert.Equal(expected, Scores(loaded.Transform(models.BreastCancer)));
            var engine = fresh.Model.CreatePredictionEngine<MlNetInteropTests.CancerInput, MlNetInteropTests.BinaryOutput>(loaded);
            float[][] features = FeatureRows.Features(models.BreastCancer);
            for (int row = 0; row < features.Length; row++) Assert.Equal(expected[row], engine.Predict(new MlNetInteropTests.CancerInput { Features = features[row] }).Score);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void FeatureContributionsOfAnEnsembleAddUpToItsOutputsChange()
    {
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(models.Binary, ExplanationTestData.AllRaw()).Fit(models.BreastCancer);
        var explained = explainer.Transform(models.BreastCancer);
        float[][] features = FeatureRows.Features(explained);
        float[][] contributions = ExplanationTestData.Dense(explained, "FeatureContributions");
        for (int row = 0; row < features.Length; row++)
        {
            double change = ExplanationTestData.Outputs(models.Binary.Model.Network, features[row])[0] - explainer.BaselineOutputs[0];
            double sum = contributions[row].Sum(c => (double)c);
            Assert.True(Math.Abs(sum - change) <= 0.001 * Math.Abs(change) + 1e-4, $"row {row}: {sum} vs {change}");
        }
    }

    [Fact]
    public void MonteCarloDropoutSpreadsTheEnsemblesProbabilities()
    {
        var scored = models.Binary.WithMonteCarloDropout(passes: 20, seed: 2).Transform(models.BreastCancer);
        float[] spread = scored.GetColumn<float>(MonteCarloDropoutColumns.ProbabilityStdDev).ToArray();
        float[] mean = scored.GetColumn<float>(MonteCarloDropoutColumns.ProbabilityMean).ToArray();
        float[] probability = models.Binary.Transform(models.BreastCancer).GetColumn<float>("Probability").ToArray();
        Assert.True(spread.Average() > 1e-3f, $"mean spread {spread.Average()}");
        Assert.True(mean.Zip(probability, (m, p) => Math.Abs(m - p)).Average() < 0.05, "the mean of the passes is near the deterministic probability");
    }

    [Fact]
    public void AnEnsembleModelFineTunesAsTheOneNetworkItIs()
    {
        var options = EnsembleModels.BinaryOptions(1, 8);
        options.MaxEpochs = 3;
        var tuned = models.Ml.BinaryClassification.Trainers.Mlp(options).Fit(models.BreastCancer, models.Binary.Model);
        Assert.Equal(models.Binary.Model.LayerSizes, tuned.Model.LayerSizes);
        Assert.Equal(3, tuned.Model.History.Epochs.Count);
        Assert.Equal(3, tuned.Model.EnsembleMembers);
        Assert.NotEqual(Scores(models.Binary.Transform(models.BreastCancer)), Scores(tuned.Transform(models.BreastCancer)));
    }

    [Fact]
    public void CancellingDuringASecondMemberGivesTheFirstAloneAndSaysSo()
    {
        using var cancellation = new CancellationTokenSource();
        var options = EnsembleModels.BinaryOptions(3, EnsembleModels.Seed, report => { if (report.Member == 2 && report.Epoch == 2) cancellation.Cancel(); });
        options.CancellationToken = cancellation.Token;
        var model = models.Ml.BinaryClassification.Trainers.Mlp(options).Fit(models.BreastCancer);
        Assert.Equal(Scores(models.BinaryMembers[0].Transform(models.BreastCancer)), Scores(model.Transform(models.BreastCancer)));
        Assert.Equal(StopReason.Cancelled, model.Model.History.StopReason);
        Assert.Contains("cancelled during member 2 of 3: the model is member 1 alone", model.Model.History.StopMessage);
        Assert.Equal(1, model.Model.EnsembleMembers);
    }

    [Fact]
    public void WhatAnEnsembleCannotBeCombinedWithIsRefusedByName()
    {
        var trainers = models.Ml.BinaryClassification.Trainers;
        var zero = EnsembleModels.BinaryOptions(0, 1);
        Assert.Equal(nameof(MlpTrainerOptions.EnsembleSize), Assert.Throws<ArgumentOutOfRangeException>(() => trainers.Mlp(zero).Fit(models.BreastCancer)).ParamName);

        var pruned = EnsembleModels.BinaryOptions(2, 1);
        pruned.Pruning = new MlpPruningOptions { TargetSparsity = 0.5f };
        var error = Assert.Throws<ArgumentException>(() => trainers.Mlp(pruned).Fit(models.BreastCancer));
        Assert.Equal(nameof(MlpTrainerOptions.Pruning), error.ParamName);
        Assert.Contains("prune its model by fine-tuning it", error.Message);

        error = Assert.Throws<ArgumentException>(() => trainers.Mlp(EnsembleModels.BinaryOptions(2, 1)).Fit(models.BreastCancer, models.BinaryMembers[0].Model));
        Assert.Equal(nameof(MlpTrainerOptions.EnsembleSize), error.ParamName);
        Assert.Contains("Fine-tune with EnsembleSize = 1", error.Message);
    }

    [Fact]
    public void AnAutomaticEnsembleSizeAveragesFiveNetworksOnSmallDataAndOneWhereAnEnsembleIsRefusedOrTheDataIsLarge()
    {
        var automatic = EnsembleModels.BinaryOptions(1, EnsembleModels.Seed);
        automatic.EnsembleSize = null;
        automatic.MaxEpochs = 2;
        var model = models.Ml.BinaryClassification.Trainers.Mlp(automatic).Fit(models.BreastCancer).Model;
        Assert.Equal(MlpTrainerOptions.Defaults.AutomaticEnsembleSize, model.EnsembleMembers);
        Assert.Equal([30, 16 * 5, 8 * 5, 1], model.LayerSizes);
        Assert.Contains(model.TrainerOptions, o => o.Key == nameof(MlpTrainerOptions.EnsembleSize) && o.Value == "automatic");

        // Fine-tuning (here of that ensemble's model, trained on as the one network it is) and pruning train one network.
        var tuned = models.Ml.BinaryClassification.Trainers.Mlp(automatic).Fit(models.BreastCancer, model).Model;
        Assert.Equal(model.LayerSizes, tuned.LayerSizes);
        automatic.Pruning = new MlpPruningOptions { TargetSparsity = 0.5f, RampEpochs = 1 };
        Assert.Equal(1, models.Ml.BinaryClassification.Trainers.Mlp(automatic).Fit(models.BreastCancer).Model.EnsembleMembers);

        // The data-size rule at its bound: rows × features up to AutomaticEnsembleMaximumValues average five networks.
        var options = new MlpBinaryTrainer.Options();
        long bound = MlpTrainerOptions.Defaults.AutomaticEnsembleMaximumValues;
        Assert.Equal(5, MlpEnsemble.Size(options, null, rows: (int)(bound / 100), features: 100));
        Assert.Equal(1, MlpEnsemble.Size(options, null, rows: (int)(bound / 100) + 1, features: 100));
        Assert.Equal(1, MlpEnsemble.Size(options, null, rows: int.MaxValue, features: int.MaxValue));
        options.EnsembleSize = 3;
        Assert.Equal(3, MlpEnsemble.Size(options, null, rows: int.MaxValue, features: int.MaxValue));
    }

    private static float[] Scores(IDataView scored) => scored.GetColumn<float>("Score").ToArray();

    /// <summary>Each value within 1e-5 of the members' mean, relative to its size (at least 1).</summary>
    private static void AssertMean(float[][] members, float[] ensemble)
    {
        Assert.All(members, member => Assert.Equal(ensemble.Length, member.Length));
        for (int row = 0; row < ensemble.Length; row++)
        {
            double mean = members.Average(member => (double)member[row]);
            Assert.True(Math.Abs(ensemble[row] - mean) <= 1e-5 * Math.Max(1, Math.Abs(mean)), $"row {row}: ensemble {ensemble[row]}, members' mean {mean}");
        }
        Assert.Contains(Enumerable.Range(0, ensemble.Length), row => Math.Abs(members[0][row] - ensemble[row]) > 1e-3);
    }
}
