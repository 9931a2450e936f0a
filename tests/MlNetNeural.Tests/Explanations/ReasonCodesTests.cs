using MlNetNeural.Explanations;
using MlNetNeural.Tests.MlNet;
using static MlNetNeural.Tests.Explanations.ExplanationTestData;

namespace MlNetNeural.Tests.Explanations;

/// <summary>Reason codes: the largest contributions of the asked sign, named, with the row's value; one-hot slots grouped per attribute.</summary>
public sealed class ReasonCodesTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    private static readonly string[] Names = ["Checking.<0", "Checking.no account", "Duration", "Purpose.car", "Purpose.tv", "Age"];

    [Fact]
    public void TheLargestContributionsOfTheAskedSignComeFirstWithTheirValues()
    {
        float[] contributions = [0.8f, -0.1f, 0.5f, 0f, 0.05f, -0.6f];
        float[] values = [1f, 0f, 48f, 0f, 1f, 23f];

        var raising = ReasonCodes.Top(contributions, values, Names, ContributionSign.Positive, count: 2);
        Assert.Equal([new FeatureReason("Checking.<0", 0.8f, 1f), new FeatureReason("Duration", 0.5f, 48f)], raising);
        var lowering = ReasonCodes.Top(contributions, values, Names, ContributionSign.Negative);
        Assert.Equal(["Age", "Checking.no account"], lowering.Select(r => r.Feature));
        Assert.Equal("Duration = 48 (+0.5)", raising[1].ToString());
    }

    [Fact]
    public void OneHotSlotsGroupIntoTheAttributeWithTheCategoryTheRowHas()
    {
        float[] contributions = [0.8f, -0.1f, 0.5f, -0.02f, 0.3f, -0.6f];
        float[] values = [1f, 0f, 48f, 0f, 1f, 23f];
        var reasons = ReasonCodes.Top(contributions, values, Names, ContributionSign.Positive, count: 4, groupSlotsByColumn: true);
        Assert.Equal(3, reasons.Count);
        Assert.Equal(new FeatureReason("Checking", 0.7f, 1f, "<0"), reasons[0] with { Contribution = MathF.Round(reasons[0].Contribution, 5) });
        Assert.Equal(new FeatureReason("Duration", 0.5f, 48f), reasons[1]);
        Assert.Equal("Purpose", reasons[2].Feature);
        Assert.Equal("tv", reasons[2].Category);
        Assert.Equal(0.28f, reasons[2].Contribution, 5);
        Assert.Equal("Checking = <0 (+0.7)", reasons[0].ToString());

        var unseen = ReasonCodes.Top([0.4f, 0.1f], [0f, 0f], ["Purpose.car", "Purpose.tv"], ContributionSign.Positive, groupSlotsByColumn: true);
        Assert.Equal(ReasonCodes.NoCategory, unseen.Single().Category);
    }

    [Fact]
    public void ReasonsForEveryRowOfExplainedDataCarryTheSlotNames()
    {
        var featurized = models.Binary.Transform(models.BreastCancer);
        var explained = models.Ml.Transforms.CalculateMlpFeatureContribution(models.Binary.LastTransformer, AllRaw()).Fit(featurized).Transform(featurized);
        var reasons = ReasonCodes.FromData(explained, ContributionSign.Positive, new ReasonCodeOptions { Count = 3 });
        float[][] contributions = Dense(explained, "FeatureContributions");
        float[][] features = TestData.FeatureRows.Features(explained);
        Assert.Equal(contributions.Length, reasons.Count);
        for (int row = 0; row < 50; row++)
        {
            var expected = Enumerable.Range(0, contributions[row].Length).Where(i => contributions[row][i] > 0)
                .OrderByDescending(i => contributions[row][i]).Take(3).ToArray();
            Assert.Equal(expected.Select(i => contributions[row][i]), reasons[row].Select(r => r.Contribution));
            Assert.Equal(expected.Select(i => features[row][i]), reasons[row].Select(r => r.Value));
            Assert.Equal(expected.Select(i => $"Feature {i}"), reasons[row].Select(r => r.Feature)); // WDBC's vector has no slot names
        }

        var ozone = models.Regression.Transform(models.Ozone);
        var named = models.Ml.Transforms.CalculateMlpFeatureContribution(models.Regression.LastTransformer, AllRaw()).Fit(ozone).Transform(ozone);
        var ozoneReasons = ReasonCodes.FromData(named, ContributionSign.Negative, new ReasonCodeOptions { Count = 2 });
        Assert.Contains(ozoneReasons, row => row.Any(r => r.Feature == "pressure_height_500mb"));
        Assert.All(ozoneReasons.SelectMany(row => row), r => Assert.Contains(r.Feature, new[] { "pressure_height_500mb", "day_of_month" }));
    }

    [Fact]
    public void MissingOrMismatchedColumnsAreNamed()
    {
        var featurized = models.Binary.Transform(models.BreastCancer);
        var error = Assert.ThrowsAny<ArgumentException>(() => ReasonCodes.FromData(featurized, ContributionSign.Positive));
        Assert.Contains("'FeatureContributions'", error.Message);
        Assert.Throws<ArgumentException>(() => ReasonCodes.Top([1f, 2f], [1f], ["a", "b"], ContributionSign.Positive));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReasonCodes.Top([1f], [1f], ["a"], ContributionSign.Positive, count: 0));
    }
}
