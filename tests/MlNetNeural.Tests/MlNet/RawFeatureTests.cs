using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Randomness;
using Xunit.Abstractions;

namespace MlNetNeural.Tests.MlNet;

/// <summary>
/// The default Mlp is right without a normalizer: on two raw features of very different scales (a loan amount of
/// 1,000-21,000 and an age of 18-68) it matches logistic regression, as a user trying it first would expect.
/// (Without the input scaling, InputScaling.None, the same fit reaches AUC 0.89 here; 0.1.0's defaults reached 0.22
/// on a table like it.)
/// </summary>
public sealed class RawFeatureTests(ITestOutputHelper output)
{
    private sealed class Applicant
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    /// <summary>1,000 applicants; the log-odds of the label are linear in the standardized amount and age.</summary>
    private static IDataView Applicants(MLContext ml, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var rows = Enumerable.Range(0, 1000).Select(_ =>
        {
            float amount = 1000f + 20000f * random.NextFloat(), age = 18f + 50f * random.NextFloat();
            double logOdds = 5.0 * (amount - 11000) / 5800 - 3.5 * (age - 43) / 14.4;
            return new Applicant { Features = [amount, age], Label = random.NextFloat() < 1 / (1 + Math.Exp(-logOdds)) };
        });
        return ml.Data.LoadFromEnumerable(rows.ToList());
    }

    [Fact]
    public void TheDefaultMlpOnRawFeaturesMatchesLogisticRegression()
    {
        var ml = new MLContext(seed: 1);
        var train = Applicants(ml, 1);
        var test = Applicants(ml, 2);
        var mlp = ml.BinaryClassification.Trainers.Mlp().Fit(train);
        var baseline = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(train);
        double ours = ml.BinaryClassification.Evaluate(mlp.Transform(test)).AreaUnderRocCurve;
        double theirs = ml.BinaryClassification.Evaluate(baseline.Transform(test)).AreaUnderRocCurve;
        output.WriteLine($"AUC on raw features: Mlp {ours:F4}, LbfgsLogisticRegression {theirs:F4}");
        Assert.True(theirs > 0.95, $"the data should be easy for a linear model (AUC {theirs:F4})");
        Assert.True(ours >= theirs - 0.01, $"Mlp AUC {ours:F4} is more than 0.01 below logistic regression's {theirs:F4}");
    }
}
