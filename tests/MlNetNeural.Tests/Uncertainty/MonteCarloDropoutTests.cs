using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;
using MlNetNeural.Uncertainty;

namespace MlNetNeural.Tests.Uncertainty;

/// <summary>Monte-Carlo dropout columns: types, determinism, zero spread without dropout, agreement with the deterministic model.</summary>
public class MonteCarloDropoutTests(UncertaintyModels models) : IClassFixture<UncertaintyModels>
{
    private const string Mean = MonteCarloDropoutColumns.ProbabilityMean;
    private const string StdDev = MonteCarloDropoutColumns.ProbabilityStdDev;
    private const string Entropy = MonteCarloDropoutColumns.PredictiveEntropy;

    public sealed class CancerInput
    {
        [VectorType(Datasets.BreastCancerFeatures)]
        public float[] Features { get; set; } = [];
    }

    public sealed class UncertainOutput
    {
        public float ProbabilityMean { get; set; }
        public float ProbabilityStdDev { get; set; }
        public float PredictiveEntropy { get; set; }
    }

    [Fact]
    public void BinaryColumnsAreSinglesAndMulticlassColumnsAreNamedClassVectors()
    {
        var binary = models.WithDropout.WithMonteCarloDropout(passes: 5, seed: 1).GetOutputSchema(models.BreastCancer.Schema);
        Assert.Equal(NumberDataViewType.Single, binary[Mean].Type);
        Assert.Equal(NumberDataViewType.Single, binary[StdDev].Type);
        Assert.Equal(NumberDataViewType.Single, binary[Entropy].Type);

        var multiclass = models.Multiclass.WithMonteCarloDropout(passes: 5, seed: 1).Transform(models.Digits);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 10), multiclass.Schema[Mean].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 10), multiclass.Schema[StdDev].Type);
        Assert.Equal(NumberDataViewType.Single, multiclass.Schema[Entropy].Type);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        multiclass.Schema[Mean].GetSlotNames(ref slotNames);
        Assert.Equal(models.Multiclass.Model.ClassNames, slotNames.DenseValues().Select(n => n.ToString()));
        foreach (var row in multiclass.GetColumn<float[]>(Mean).Take(20)) Assert.Equal(1f, row.Sum(), 4);
    }

    [Fact]
    public void SameSeedGivesSameResultsAndAnotherSeedDiffers()
    {
        var first = Read(models.WithDropout.WithMonteCarloDropout(20, seed: 3).Transform(models.BreastCancer), StdDev);
        var again = Read(models.WithDropout.WithMonteCarloDropout(20, seed: 3).Transform(models.BreastCancer), StdDev);
        var other = Read(models.WithDropout.WithMonteCarloDropout(20, seed: 4).Transform(models.BreastCancer), StdDev);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Average() > 1e-3f, $"Dropout 0.2 should spread the probabilities; mean std is {first.Average()}.");
    }

    [Fact]
    public void ARowsResultDoesNotDependOnTheRowsAroundIt()
    {
        var wrapped = models.WithDropout.WithMonteCarloDropout(20, seed: 3);
        var all = Read(wrapped.Transform(models.BreastCancer), Mean);
        var alone = Read(wrapped.Transform(models.Ml.Data.TakeRows(models.Ml.Data.SkipRows(models.BreastCancer, 7), 1)), Mean);
        Assert.Equal(all[7], Assert.Single(alone));
    }

    [Fact]
    public void AModelWithoutDropoutIsRefusedNamingTheOption()
    {
        // Every pass of such a model gives the same probabilities, so every row would report a spread of 0.
        var direct = Assert.Throws<ArgumentException>(() => models.WithoutDropout.WithMonteCarloDropout(passes: 10));
        var pipeline = Assert.Throws<ArgumentException>(() => ScoreThroughPipeline(models.WithoutDropout, passes: 10));
        foreach (var error in new[] { direct, pipeline })
        {
            Assert.Contains("Dropout = 0", error.Message);
            Assert.Contains("spread of 0", error.Message);
        }
    }

    [Fact]
    public void MeanOfManyPassesIsCloseToTheDeterministicProbability()
    {
        // The models have the default front layers (log compression of WDBC's long-tailed features, input scaling,
        // periodic embeddings), which dropout sampling passes through.
        var front = models.WithDropout.Model.Network.Layers.TakeWhile(layer => layer is not MlNetNeural.Core.Layers.DenseLayer).Select(layer => layer.GetType()).ToArray();
        Type[] expected = [typeof(MlNetNeural.Core.Layers.LogCompressionLayer), typeof(MlNetNeural.Core.Layers.FeatureScalingLayer), typeof(MlNetNeural.Core.Layers.PeriodicEmbeddingLayer)];
        Assert.Equal(MlpTrainerOptions.Defaults.CompressSkewedFeatures ? expected : expected[1..], front);
        var scored = ScoreThroughPipeline(models.WithDropout, passes: 200);
        var deterministic = Read(scored, "Probability");
        var mean = Read(scored, Mean);
        double meanAbsoluteGap = deterministic.Zip(mean, (d, m) => Math.Abs(d - m)).Average();
        Assert.True(meanAbsoluteGap < 0.02, $"Mean |MC mean - deterministic probability| = {meanAbsoluteGap:F4}, expected < 0.02.");
        double agreement = deterministic.Zip(mean, (d, m) => d > 0.5f == m > 0.5f ? 1.0 : 0.0).Average();
        Assert.True(agreement > 0.98, $"Only {agreement:P1} of the rows get the same class from the MC mean.");
    }

    [Fact]
    public void EntropyIsThatOfTheMeanProbability()
    {
        var scored = models.WithDropout.WithMonteCarloDropout(10, seed: 1).Transform(models.BreastCancer);
        foreach (var (p, h) in Read(scored, Mean).Zip(Read(scored, Entropy)))
        {
            double expected = (p > 0 ? -p * Math.Log(p) : 0) + (p < 1 ? -(1 - p) * Math.Log(1 - p) : 0);
            Assert.Equal(expected, h, 3);
        }
    }

    [Fact]
    public void PredictionEngineMatchesTransform()
    {
        var wrapped = models.WithDropout.WithMonteCarloDropout(15, seed: 2);
        var scored = wrapped.Transform(models.BreastCancer);
        var means = Read(scored, Mean);
        var spreads = Read(scored, StdDev);
        var engine = models.Ml.Model.CreatePredictionEngine<CancerInput, UncertainOutput>(wrapped);
        var features = FeatureRows.Features(models.BreastCancer);
        for (int i = 0; i < 40; i++)
        {
            var prediction = engine.Predict(new CancerInput { Features = features[i] });
            Assert.Equal(means[i], prediction.ProbabilityMean);
            Assert.Equal(spreads[i], prediction.ProbabilityStdDev);
        }
    }

    [Fact]
    public void ASavedAndLoadedPipelineGivesTheSameUncertainty()
    {
        var pipeline = new TransformerChain<MlpBinaryPredictionTransformer>(models.WithDropout);
        string path = Path.Combine(Path.GetTempPath(), $"mc-dropout-{Guid.NewGuid():N}.zip");
        try
        {
            models.Ml.Model.Save(pipeline, models.BreastCancer.Schema, path);
            var fresh = new MLContext(seed: 2);
            fresh.RegisterMlNetNeural();
            var loaded = fresh.Model.Load(path, out _);

            var expected = Read(pipeline.WithMonteCarloDropout(10, seed: 3).Transform(models.BreastCancer), StdDev);
            var actual = Read(loaded.WithMonteCarloDropout(10, seed: 3).Transform(models.BreastCancer), StdDev);

            Assert.Equal(expected, actual);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void APipelineThatDoesNotEndInAnMlpClassifierIsRejectedByName()
    {
        var normalizer = models.Ml.Transforms.NormalizeMinMax("Features").Fit(models.BreastCancer);
        var error = Assert.Throws<ArgumentException>(() => normalizer.WithMonteCarloDropout());
        Assert.Contains("NormalizingTransformer", error.Message);
    }

    [Fact]
    public void FewerThanTwoPassesIsRejectedWithTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => models.WithDropout.WithMonteCarloDropout(passes: 1));
        Assert.Equal(1, error.ActualValue);
    }

    [Fact]
    public void SavingExplainsWhatToDoInstead()
    {
        var wrapped = models.WithDropout.WithMonteCarloDropout(5);
        var error = Assert.Throws<NotSupportedException>(() => models.Ml.Model.Save(wrapped, models.BreastCancer.Schema, new MemoryStream()));
        Assert.Contains("WithMonteCarloDropout", error.Message);
    }

    private static float[] Read(IDataView data, string column) => data.GetColumn<float>(column).ToArray();

    /// <summary>Deterministic and Monte-Carlo columns side by side, through the pipeline overload.</summary>
    private IDataView ScoreThroughPipeline(MlpBinaryPredictionTransformer model, int passes) =>
        new TransformerChain<MlpBinaryPredictionTransformer>(model).WithMonteCarloDropout(passes, seed: 5).Transform(models.BreastCancer);
}
