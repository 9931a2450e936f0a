using MedicalImaging.Evaluation;
using MedicalImaging.Uncertainty;
using MlNetNeural.Samples;

namespace MlNetNeural.Samples.Tests;

/// <summary>The sample's evaluation arithmetic on hand-made numbers.</summary>
public class EvaluationTests
{
    [Fact]
    public void ThresholdKeepsTheTargetShareOfPositivesAboveIt()
    {
        float[] probabilities = [0.9f, 0.8f, 0.7f, 0.6f, 0.2f, 0.5f, 0.1f];
        bool[] labels = [true, true, true, true, true, false, false];

        Assert.Equal(0.2f, OperatingPoint.ThresholdFor(probabilities, labels, 1.0));
        Assert.Equal(0.6f, OperatingPoint.ThresholdFor(probabilities, labels, 0.8));
        Assert.Equal(0.7f, OperatingPoint.ThresholdFor(probabilities, labels, 0.6));
    }

    [Fact]
    public void MetricsAtAThresholdAreMlNetsSensitivitySpecificityAndAuc()
    {
        float[] probabilities = [0.9f, 0.4f, 0.3f, 0.2f];
        bool[] labels = [true, true, false, false];

        var metrics = BinaryMetrics.Evaluate(new Microsoft.ML.MLContext(1), probabilities, labels, threshold: 0.25f);

        Assert.Equal(0.75, metrics.Accuracy);
        Assert.Equal(1.0, metrics.Sensitivity);
        Assert.Equal(0.5, metrics.Specificity);
        Assert.Equal(1.0, metrics.Auc);
    }

    [Fact]
    public void ADecisionScoreIsPositiveExactlyWhenTheProbabilityReachesTheThreshold()
    {
        Assert.True(DecisionScores.At(0.3f, 0.3f) > 0);                 // a tie decides positive, as probability ≥ threshold
        Assert.True(DecisionScores.At(0.29f, 0.3f) < 0);
        Assert.True(DecisionScores.At(1f, 0.999) > DecisionScores.At(0.99999994f, 0.999));   // no clamping tie below 1
        Assert.True(DecisionScores.At(0f, 0.5) < DecisionScores.At(1e-30f, 0.5));
        Assert.Equal(0.0, DecisionScores.At(0.5f, 0.5) - float.Epsilon, 12);
    }

    [Fact]
    public void ReferringTheMostUncertainCasesRaisesKeptAccuracy()
    {
        UncertainCase[] cases =
        [
            new(0, true, 0.95f, 0.01f, 0.20f), new(1, false, 0.05f, 0.01f, 0.20f),
            new(2, true, 0.45f, 0.10f, 0.69f), new(3, false, 0.40f, 0.10f, 0.67f),
        ];

        var levels = ReferralAnalysis.Levels(cases);

        Assert.Equal(0.75, levels[0].KeptAccuracy);
        Assert.Equal(0.0, levels[0].FractionReferred);
        var atHalf = levels.Single(l => l.EntropyThreshold == 0.50);
        Assert.Equal(0.5, atHalf.FractionReferred);
        Assert.Equal(1.0, atHalf.KeptAccuracy);
    }
}
