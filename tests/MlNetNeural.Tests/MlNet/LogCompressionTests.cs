using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;
using MlNetNeural.Explanations;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;
using MlNetNeural.Uncertainty;
using static MlNetNeural.Tests.Explanations.ExplanationTestData;

namespace MlNetNeural.Tests.MlNet;

/// <summary>
/// CompressSkewedFeatures through ML.NET: which features the trainer compresses and how MLContext.Log names them, and
/// that a model with the layer saves, loads, scores, explains, samples dropout, fine-tunes and ensembles like any other.
/// </summary>
public sealed class LogCompressionTests
{
    /// <summary>One applicant.</summary>
    public sealed class Applicant
    {
        public float Amount { get; set; }

        public float Age { get; set; }

        public float Member { get; set; }

        public bool Label { get; set; }
    }

    /// <summary>A long-tailed amount (log-normal) whose logarithm drives the label, a uniform age and a 0/1 membership flag.</summary>
    private static List<Applicant> RawApplicants(int seed, int rows)
    {
        var random = new DeterministicRandom((ulong)seed);
        return Enumerable.Range(0, rows).Select(_ =>
        {
            float amount = 100f * MathF.Exp(1.5f * random.NextGaussian()), age = 20f + 50f * random.NextFloat(), member = random.NextFloat() < 0.3f ? 1f : 0f;
            double logOdds = 1.5 * Math.Log(amount / 100) - 0.05 * (age - 45) + 0.5 * member;
            return new Applicant { Amount = amount, Age = age, Member = member, Label = random.NextFloat() < 1 / (1 + Math.Exp(-logOdds)) };
        }).ToList();
    }

    /// <summary>The applicants with the three columns concatenated into "Features" (slot names Amount, Age, Member).</summary>
    private static IDataView Applicants(MLContext ml, int seed, int rows = 600)
    {
        var data = ml.Data.LoadFromEnumerable(RawApplicants(seed, rows));
        return ml.Transforms.Concatenate("Features", nameof(Applicant.Amount), nameof(Applicant.Age), nameof(Applicant.Member)).Fit(data).Transform(data);
    }

    private static MlpBinaryTrainer.Options Options(bool? compress = null) =>
        new() { HiddenLayers = [16], MaxEpochs = 8, Seed = 5, CompressSkewedFeatures = compress };

    [Fact]
    public void OnlyTheLongTailedFeatureIsCompressedAndMLContextLogNamesIt()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var data = Applicants(ml, 1);

        var model = ml.BinaryClassification.Trainers.Mlp(Options(compress: true)).Fit(data).Model;
        var compression = Assert.IsType<LogCompressionLayer>(model.Network.Layers[0]);
        Assert.Equal([0], compression.CompressedFeatures);
        Assert.IsType<FeatureScalingLayer>(model.Network.Layers[1]);
        Assert.Contains(messages, m => m.Contains("Log-compressing 1 of 3 features of 'Features'", StringComparison.Ordinal) && m.Contains("'Amount'", StringComparison.Ordinal));
        Assert.Contains(model.TrainerOptions, o => o.Key == "CompressSkewedFeatures" && o.Value == "True");

        Assert.DoesNotContain(ml.BinaryClassification.Trainers.Mlp(Options(compress: false)).Fit(data).Model.Network.Layers, layer => layer is LogCompressionLayer);
        var unscaled = Options(compress: true);
        unscaled.InputScaling = InputScaling.None;
        Assert.DoesNotContain(ml.BinaryClassification.Trainers.Mlp(unscaled).Fit(data).Model.Network.Layers, layer => layer is LogCompressionLayer);
        var automatic = ml.BinaryClassification.Trainers.Mlp(Options()).Fit(data).Model;
        Assert.Equal(MlpTrainerOptions.Defaults.CompressSkewedFeatures, automatic.Network.Layers[0] is LogCompressionLayer);
        Assert.Contains(automatic.TrainerOptions, o => o.Key == "CompressSkewedFeatures" && o.Value.StartsWith("automatic", StringComparison.Ordinal));
    }

    [Fact]
    public void ACompressedModelLoadsScoresExplainsAndSamplesDropoutLikeAnyOther()
    {
        var ml = new MLContext(seed: 1);
        var raw = ml.Data.LoadFromEnumerable(RawApplicants(2, 600));
        var rawTest = ml.Data.LoadFromEnumerable(RawApplicants(3, 200));
        var pipeline = ml.Transforms.Concatenate("Features", nameof(Applicant.Amount), nameof(Applicant.Age), nameof(Applicant.Member))
            .Append(ml.BinaryClassification.Trainers.Mlp(Options(compress: true))).Fit(raw);
        var trained = pipeline.LastTransformer;
        Assert.IsType<LogCompressionLayer>(trained.Model.Network.Layers[0]);
        float[] scores = pipeline.Transform(rawTest).GetColumn<float>("Score").ToArray();

        using var stream = new MemoryStream();
        ml.Model.Save(pipeline, raw.Schema, stream);
        stream.Position = 0;
        var fresh = new MLContext(seed: 2);
        fresh.RegisterMlNetNeural();
        Assert.Equal(scores, fresh.Model.Load(stream, out _).Transform(rawTest).GetColumn<float>("Score").ToArray());

        var engine = ml.Model.CreatePredictionEngine<Applicant, BinaryScore>(pipeline);
        var rows = ml.Data.CreateEnumerable<Applicant>(rawTest, reuseRowObject: false).ToArray();
        for (int i = 0; i < rows.Length; i++) Assert.Equal(scores[i], engine.Predict(rows[i]).Score);

        var test = pipeline.Take(1).Single().Transform(rawTest);
        var explainer = ml.Transforms.CalculateMlpFeatureContribution(trained, AllRaw()).Fit(pipeline.Take(1).Single().Transform(raw));
        float[][] contributions = Dense(explainer.Transform(test), "FeatureContributions");
        float[][] features = Dense(test, "Features");
        var network = trained.Model.Network;
        var workspace = network.CreateWorkspace(1);
        for (int row = 0; row < 50; row++)
        {
            double change = network.Forward(features[row], workspace, 1, ForwardMode.Inference)[0] - explainer.BaselineOutputs[0];
            double sum = contributions[row].Sum(c => (double)c);
            Assert.True(Math.Abs(sum - change) <= 0.001 * Math.Abs(change) + 1e-4, $"row {row}: contributions add up to {sum}, the output moved {change}");
        }

        float[] means = trained.WithMonteCarloDropout(passes: 20, seed: 1).Transform(test).GetColumn<float>(MonteCarloDropoutColumns.ProbabilityMean).ToArray();
        float[] probabilities = trained.Transform(test).GetColumn<float>("Probability").ToArray();
        Assert.True(means.Zip(probabilities, (m, p) => Math.Abs(m - p)).Average() < 0.05);
    }

    [Fact]
    public void FineTuningAndPruningKeepTheLayerAndEnsemblesShareIt()
    {
        var ml = new MLContext(seed: 1);
        var data = Applicants(ml, 4);
        var initial = ml.BinaryClassification.Trainers.Mlp(Options(compress: true)).Fit(data).Model;
        var scales = ((LogCompressionLayer)initial.Network.Layers[0]).Scales.ToArray();

        var tuningOptions = Options(compress: true);
        tuningOptions.MaxEpochs = 2;
        tuningOptions.FineTuning = new MlNetNeural.FineTuning.MlpFineTuningOptions { TrainableLayers = 1 };
        var tuned = ml.BinaryClassification.Trainers.Mlp(tuningOptions).Fit(data, initial).Model;
        Assert.Equal(scales, Assert.IsType<LogCompressionLayer>(tuned.Network.Layers[0]).Scales.ToArray());

        var pruningOptions = Options(compress: true);
        pruningOptions.Pruning = new MlNetNeural.FineTuning.MlpPruningOptions { TargetSparsity = 0.8f, RampEpochs = 0, RemoveDeadUnits = false };
        var pruned = ml.BinaryClassification.Trainers.Mlp(pruningOptions).Fit(data);
        Assert.Equal(scales, Assert.IsType<LogCompressionLayer>(pruned.Model.Network.Layers[0]).Scales.ToArray());
        Assert.Contains(pruned.Model.Network.Layers, layer => layer is SparseDenseLayer);
        Assert.All(pruned.Transform(data).GetColumn<float>("Score"), score => Assert.True(float.IsFinite(score)));

        var ensembleOptions = Options(compress: true);
        ensembleOptions.EnsembleSize = 3;
        var ensemble = ml.BinaryClassification.Trainers.Mlp(ensembleOptions).Fit(data).Model;
        Assert.Equal(scales, Assert.IsType<LogCompressionLayer>(ensemble.Network.Layers[0]).Scales.ToArray());
        Assert.Single(ensemble.Network.Layers, layer => layer is LogCompressionLayer);
    }

    /// <summary>The score column.</summary>
    public sealed class BinaryScore
    {
        public float Score { get; set; }
    }
}
