using MedicalImaging.Evaluation;
using MedicalImaging.Images;
using MedicalImaging.Tabular;
using MedicalImaging.Uncertainty;
using Microsoft.ML;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Samples.Tests;

/// <summary>The medical sample's explanations: the measurements behind a referred case, heat maps over held-out images.</summary>
public class ExplanationTests
{
    [Fact]
    public void AReferredCaseIsExplainedByTheMeasurementThatCarriesTheSignal()
    {
        var random = new DeterministicRandom(4);
        var features = Enumerable.Range(0, 120).Select(_ => new[] { 10 + 3 * random.NextGaussian(), random.NextGaussian(), 100 + 20 * random.NextGaussian() }).ToArray();
        bool[] labels = features.Select(f => f[0] > 10.5f).ToArray();
        var table = new LabeledTable("synthetic", "high", "low", ["size", "noise", "weight"], features, labels);
        int[] test = Enumerable.Range(0, 20).ToArray();
        int[] train = Enumerable.Range(20, 100).ToArray();
        var ml = new MLContext(3);
        var model = ModelFamilies.MlpCandidates(3)[1].Create(ml).Fit(table.ToDataView(ml, train));
        var fold = new FoldOutcome(new BinaryMetrics(1, 1, 1, 1, 0.5f), "small", model, test, 0, new float[test.Length]);
        var mlp = new FamilyResult(new ModelFamily(ModelFamilies.MlpName, []), [fold]);
        int row = test.MaxBy(i => features[i][0]);

        var explained = ReferralExplanations.Explain(ml, table, mlp, [new UncertainCase(row, labels[row], 0.5f, 0.1f, 0.6f)]).Single();

        Assert.Equal("size", explained.TowardsPositive[0].Feature);
        Assert.Equal(features[row][0], explained.TowardsPositive[0].Value);
        Assert.All(explained.TowardsNegative, reason => Assert.True(reason.Contribution < 0));
        Assert.Equal(3, explained.Contributions.Count);
        Assert.Contains("towards high: size = ", ReferralExplanations.Format(explained, table));
    }

    [Fact]
    public void HeatMapsAreWrittenForTwoHeldOutImagesPerClass()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 32, seed: 3);
        var images = ImageFolder.Read(folder.Path).Images;
        string directory = Path.Combine(folder.Path, "heat-maps");

        var result = ImageClassifier.TrainAndTest(new MLContext(1), images, ImageFeatureKind.Pixels, seed: 1, TextWriter.Null, directory);

        Assert.Equal(2 * ImageAttributions.PerClass, result.AttributionImages.Count);
        Assert.All(result.AttributionImages, path => Assert.True(new FileInfo(path).Length > 10_000, path));
        Assert.Equal(ImageAttributions.PerClass, result.AttributionImages.Count(path => Path.GetFileName(path).StartsWith("attribution-disc", StringComparison.Ordinal)));
    }
}
