using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Activations;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;
using MlNetNeural.Tests.MlNet;
using MlNetNeural.Tests.Persistence;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.Threshold;

/// <summary>
/// <c>ChangeMlpThreshold</c>: PredictedLabel follows the probability threshold, Score and Probability do not move, the
/// threshold is saved and loaded, PredictionEngine honours it, and a model with the default threshold keeps the old file format.
/// </summary>
public sealed class ThresholdTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void PredictedLabelIsTrueExactlyWhenTheProbabilityIsAboveTheThreshold(float threshold)
    {
        var mlp = models.Binary.LastTransformer;
        var changed = models.Ml.BinaryClassification.ChangeMlpThreshold(mlp, threshold);
        var data = models.Binary.Transform(models.BreastCancer);
        var scored = changed.Transform(data);
        float[] scores = scored.GetColumn<float>("Score").ToArray();
        bool[] labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Equal(mlp.Transform(data).GetColumn<float>("Score"), scores);
        for (int row = 0; row < scores.Length; row++)
        {
            double probability = 1 / (1 + Math.Exp(-(double)scores[row]));
            if (Math.Abs(probability - threshold) > 1e-6) Assert.Equal(probability > threshold, labels[row]);
        }
        Assert.Equal(threshold, changed.Threshold);
        Assert.Equal((float)Math.Log(threshold / (1.0 - threshold)), changed.ScoreThreshold, 6);
        Assert.InRange(labels.Count(l => l), 1, labels.Length - 1);
    }

    [Fact]
    public void TheDefaultThresholdIsMlNetsRuleAndChangingToItReturnsTheSameTransformer()
    {
        var mlp = models.Binary.LastTransformer;
        Assert.Equal(0.5f, mlp.Threshold);
        Assert.Equal(0f, mlp.ScoreThreshold);
        Assert.Same(mlp, models.Ml.BinaryClassification.ChangeMlpThreshold(mlp, 0.5f));
        var scored = mlp.Transform(models.Binary.Transform(models.BreastCancer));
        Assert.Equal(scored.GetColumn<float>("Score").Select(s => s > 0f), scored.GetColumn<bool>("PredictedLabel"));
    }

    [Fact]
    public void ThresholdsThatAreNotProbabilitiesAreRefused()
    {
        foreach (float bad in new[] { 0f, 1f, -0.2f, 1.5f, float.NaN })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => models.Ml.BinaryClassification.ChangeMlpThreshold(models.Binary.LastTransformer, bad));
            Assert.Contains("strictly between 0 and 1", error.Message);
        }
    }

    [Fact]
    public void TheThresholdIsSavedWithThePipelineAndUsedByAPredictionEngineAfterLoading()
    {
        var pipeline = models.Ml.BinaryClassification.ChangeMlpThreshold(models.Binary, 0.15f);
        using var file = new MemoryStream();
        models.Ml.Model.Save(pipeline, models.BreastCancer.Schema, file);
        file.Position = 0;
        var fresh = new MLContext().RegisterMlNetNeural();
        var loaded = fresh.Model.Load(file, out _);
        var mlp = (MlpBinaryPredictionTransformer)((TransformerChain<ITransformer>)loaded).LastTransformer;
        Assert.Equal(0.15f, mlp.Threshold);

        float[][] raw = FeatureRows.Features(models.BreastCancer);
        bool[] expected = pipeline.Transform(models.BreastCancer).GetColumn<bool>("PredictedLabel").ToArray();
        var definition = SchemaDefinition.Create(typeof(FeatureRows.Row));
        definition[nameof(FeatureRows.Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, raw[0].Length);
        using var engine = fresh.Model.CreatePredictionEngine<FeatureRows.Row, Decision>(loaded, inputSchemaDefinition: definition);
        for (int row = 0; row < raw.Length; row++)
            Assert.Equal(expected[row], engine.Predict(new FeatureRows.Row { Features = raw[row] }).PredictedLabel);
        PersistenceTestData.AssertBitIdentical(FeatureRows.ReadSingles(pipeline.Transform(models.BreastCancer), "Probability"), FeatureRows.ReadSingles(loaded.Transform(models.BreastCancer), "Probability"));
    }

    [Fact]
    public void ChangingTheThresholdOfAPipelineReplacesItsBinaryMlpAndRefusesOtherPipelines()
    {
        var changed = models.Ml.BinaryClassification.ChangeMlpThreshold(models.Binary, 0.3f);
        Assert.Equal(models.Binary.Count(), changed.Count());
        Assert.Equal(0.3f, ((MlpBinaryPredictionTransformer)changed.LastTransformer).Threshold);
        Assert.Same(models.Binary.First(), changed.First());
        var error = Assert.Throws<ArgumentException>(() => models.Ml.BinaryClassification.ChangeMlpThreshold(models.Regression, 0.3f));
        Assert.Contains("exactly one binary MLP", error.Message);
        Assert.Contains("MlpRegressionPredictionTransformer", error.Message);
    }

    [Fact]
    public void AChangedThresholdIsACriticalSectionOfThePayloadAndTheDefaultWritesNone()
    {
        var budget = new ModelLoadBudget(new MlNetNeuralLoadOptions());
        IReadOnlyList<SectionedPayload.Section> SectionsOf(float? threshold)
        {
            using var payload = new MemoryStream();
            MlpModelFormat.Write(payload, models.Binary.LastTransformer.Model, "Features", threshold);
            payload.Position = 0;
            return SectionedPayload.Open(payload, budget).Sections;
        }
        Assert.DoesNotContain(SectionsOf(null), section => section.Code == MlpSections.DecisionThresholdCode);
        var threshold = Assert.Single(SectionsOf(0.4f), section => section.Code == MlpSections.DecisionThresholdCode);
        Assert.True(threshold.Critical);

        using var changed = new MemoryStream();
        MlpModelFormat.Write(changed, models.Binary.LastTransformer.Model, "Features", 0.4f);
        changed.Position = 0;
        Assert.Equal(0.4f, MlpModelFormat.ReadWithThreshold(changed, MlpModelFormat.Version, Models.MlpTask.BinaryClassification, budget).DecisionThreshold);
        changed.Position = 0;
        Assert.Contains("decision threshold", Assert.ThrowsAny<Exception>(() => MlpModelFormat.Read(changed, MlpModelFormat.Version, Models.MlpTask.BinaryClassification, budget)).Message);
    }

    [Fact]
    public void ProbabilityStaysTheSigmoidOfTheScoreWhateverTheThreshold()
    {
        var changed = models.Ml.BinaryClassification.ChangeMlpThreshold(models.Binary.LastTransformer, 0.7f);
        var scored = changed.Transform(models.Binary.Transform(models.BreastCancer));
        Assert.Equal(scored.GetColumn<float>("Score").Select(Sigmoid.Probability), scored.GetColumn<float>("Probability"));
    }

    private sealed class Decision
    {
        public bool PredictedLabel { get; set; }
    }
}
