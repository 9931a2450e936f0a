using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Explanations;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;
using MlNetNeural.Tests.Measuring;
using MlNetNeural.Tests.MlNet;
using MlNetNeural.Tests.Persistence;
using MlNetNeural.Tests.TestData;
using static MlNetNeural.Tests.Explanations.ExplanationTestData;

namespace MlNetNeural.Tests.Explanations;

/// <summary>A pipeline with the contribution transform saves, loads in a fresh MLContext and explains exactly as before; broken files fail fast.</summary>
public sealed class FeatureContributionPersistenceTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Fact]
    public void ASavedPipelineWithContributionsLoadsInAFreshContextAndGivesIdenticalColumns()
    {
        var featurized = models.Ml.Data.Cache(models.Binary.Transform(models.BreastCancer));
        var options = AllRaw();
        options.NumberOfNegativeContributions = 4;
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(models.Binary.LastTransformer, options).Fit(featurized);
        var pipeline = models.Binary.Append(explainer);
        using var file = new MemoryStream();
        models.Ml.Model.Save(pipeline, models.BreastCancer.Schema, file);

        var fresh = new MLContext(seed: 5).RegisterMlNetNeural();
        file.Position = 0;
        var loaded = fresh.Model.Load(file, out _);

        var before = pipeline.Transform(models.BreastCancer);
        var after = loaded.Transform(models.BreastCancer);
        PersistenceTestData.AssertBitIdentical(Dense(before, "FeatureContributions"), Dense(after, "FeatureContributions"));
        PersistenceTestData.AssertBitIdentical(FeatureRows.ReadSingles(before, "Score"), FeatureRows.ReadSingles(after, "Score"));
        var reloaded = (MlpFeatureContributionTransformer)((TransformerChain<ITransformer>)loaded).LastTransformer;
        Assert.Equal(explainer.BaselineRow, reloaded.BaselineRow);
        Assert.Equal(explainer.BaselineOutputs, reloaded.BaselineOutputs);
        Assert.Equal((explainer.Method, explainer.IntegrationRule, explainer.IntegrationSteps, explainer.Baseline), (reloaded.Method, reloaded.IntegrationRule, reloaded.IntegrationSteps, reloaded.Baseline));
        Assert.Equal((int.MaxValue, 4, false, "FeatureContributions"), (reloaded.NumberOfPositiveContributions, reloaded.NumberOfNegativeContributions, reloaded.Normalize, reloaded.OutputColumnName));
    }

    [Fact]
    public void TheExplainedClassOfAMulticlassExplainerSurvivesSaving()
    {
        var featurized = models.Multiclass.Transform(models.Ml.Data.TakeRows(models.Digits, 20));
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(models.Multiclass.LastTransformer, new MlpFeatureContributionOptions { ExplainedClass = "7" }).Fit(featurized);
        using var file = new MemoryStream();
        models.Ml.Model.Save(explainer, featurized.Schema, file);
        file.Position = 0;
        var loaded = (MlpFeatureContributionTransformer)new MLContext().RegisterMlNetNeural().Model.Load(file, out _);
        Assert.Equal("7", loaded.ExplainedClass);
        PersistenceTestData.AssertBitIdentical(Dense(explainer.Transform(featurized), "FeatureContributions"), Dense(loaded.Transform(featurized), "FeatureContributions"));
    }

    [Fact]
    public void ACorruptOrNewerPayloadFailsFastWithAMessage()
    {
        var featurized = models.Binary.Transform(models.BreastCancer);
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(models.Binary.LastTransformer).Fit(featurized);
        byte[] payload;
        using (var buffer = new MemoryStream())
        {
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
                FeatureContributionFormat.Write(writer, explainer.Model, explainer.FeatureColumnName, explainer.Settings);
            payload = buffer.ToArray();
        }
        InvalidDataException Read(byte[] bytes, uint version = FeatureContributionFormat.Version) =>
            Assert.Throws<InvalidDataException>(() => FeatureContributionFormat.Read(new BinaryReader(new MemoryStream(bytes), Encoding.UTF8), version, Budget()));

        Assert.Contains("Upgrade MlNetNeural", Read(payload, FeatureContributionFormat.Version + 1).Message);

        // The baseline count sits right after the settings' method, rule, steps and baseline kind: claim two billion values.
        int mlpLength = BitConverter.ToInt32(payload, 5);
        int baselineCount = 1 + 4 + 4 + mlpLength + 1 + 1 + 4 + 1;
        byte[] huge = (byte[])payload.Clone();
        BitConverter.GetBytes(2_000_000_000).CopyTo(huge, baselineCount);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("declares 2000000000 baseline values", Read(huge).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "the corrupt count was allocated");

        byte[] badClass = (byte[])payload.Clone();
        BitConverter.GetBytes(5).CopyTo(badClass, baselineCount + 4 + 4 * Datasets.BreastCancerFeatures);
        Assert.Contains("Output 5 cannot be explained for a BinaryClassification model", Read(badClass).Message);

        Assert.Throws<EndOfStreamException>(() => FeatureContributionFormat.Read(new BinaryReader(new MemoryStream(payload[..^3])), FeatureContributionFormat.Version, Budget()));
        Assert.Equal(MlpTask.BinaryClassification, (MlpTask)payload[0]);
    }

    private static ModelLoadBudget Budget() => new(new MlNetNeuralLoadOptions());

    [Fact]
    public void ExplainingEachRowAllocatesNothingBeyondReadingTheInput()
    {
        var featurized = models.Ml.Data.Cache(models.Binary.Transform(models.BreastCancer));
        var explained = models.Ml.Transforms.CalculateMlpFeatureContribution(models.Binary.LastTransformer).Fit(featurized).Transform(featurized);
        long Read(IDataView data, string column)
        {
            long Pass()
            {
                using var cursor = data.GetRowCursor([data.Schema[column]]);
                var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[column]);
                VBuffer<float> value = default;
                long start = GC.GetAllocatedBytesForCurrentThread();
                while (cursor.MoveNext()) getter(ref value);
                return GC.GetAllocatedBytesForCurrentThread() - start;
            }
            // The first pass fills ML.NET's cache; the least of the later passes is the steady state.
            Pass();
            return ThreadAllocations.Least(Pass);
        }
        long extra = Read(explained, "FeatureContributions") - Read(featurized, "Features");
        Assert.True(extra < 4096, $"explaining {featurized.GetRowCount()} rows allocated {extra} bytes more than reading their features");
    }
}
