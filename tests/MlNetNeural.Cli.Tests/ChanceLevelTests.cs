using Microsoft.ML;
using MlNetNeural.Cli.Output;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Tests;

/// <summary>The chance levels train compares the MLP with, against values computed by hand.</summary>
public class ChanceLevelTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private sealed class BinaryRow { public bool Label { get; set; } }

    private sealed class NumberRow { public float Label { get; set; } }

    private sealed class ClassRow { public string Label { get; set; } = ""; }

    [Fact]
    public void BinaryChanceIsAnAucOfOneHalfWithTheMannWhitneySpread()
    {
        // 2 positives, 3 negatives: variance (2 + 3 + 1) / (12 · 2 · 3) = 1/12.
        var test = Ml.Data.LoadFromEnumerable(new[] { true, true, false, false, false }.Select(f => new BinaryRow { Label = f }));
        var chance = ChanceLevel.Of(TabularTask.BinaryClassification, test, test);
        Assert.Equal(0.5, chance.Score);
        Assert.Equal(Math.Sqrt(1.0 / 12), chance.Spread, 12);
        Assert.True(chance.Covers(0.5 + 2 * chance.Spread - 1e-9, higherIsBetter: true));
        Assert.False(chance.Covers(0.5 + 2 * chance.Spread + 1e-9, higherIsBetter: true));
    }

    [Fact]
    public void MulticlassChanceIsOneOverTheClassesWithTheSpreadOfTheirRecalls()
    {
        // 4 classes of 10, 10, 20 and 40 rows: p = 1/4, variance (1/16) · Σ p(1 − p)/n = (3/16)/16 · (1/10 + 1/10 + 1/20 + 1/40).
        var labels = Enumerable.Repeat("a", 10).Concat(Enumerable.Repeat("b", 10)).Concat(Enumerable.Repeat("c", 20)).Concat(Enumerable.Repeat("d", 40));
        var raw = Ml.Data.LoadFromEnumerable(labels.Select(l => new ClassRow { Label = l }));
        var test = Ml.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);
        var chance = ChanceLevel.Of(TabularTask.MulticlassClassification, test, test);
        Assert.Equal(0.25, chance.Score);
        Assert.Equal(Math.Sqrt(3.0 / 16 / 16 * (0.1 + 0.1 + 0.05 + 0.025)), chance.Spread, 12);
    }

    [Fact]
    public void RegressionChanceIsTheRmseOfTheTrainingMean()
    {
        var training = Ml.Data.LoadFromEnumerable(new[] { 1f, 2f, 3f }.Select(v => new NumberRow { Label = v }));
        var test = Ml.Data.LoadFromEnumerable(new[] { 1f, 3f, 5f }.Select(v => new NumberRow { Label = v }));
        var chance = ChanceLevel.Of(TabularTask.Regression, test, training);
        Assert.Equal(Math.Sqrt((1 + 1 + 9) / 3.0), chance.Score, 12); // the mean 2 against 1, 3, 5
        Assert.True(chance.Covers(chance.Score * 0.99, higherIsBetter: false));
        Assert.False(chance.Covers(chance.Score * 0.97, higherIsBetter: false));
    }
}
