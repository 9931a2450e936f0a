using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural;
using MlNetNeural.Explanations;
using MlNetNeural.Transformers;

namespace CreditScoring;

/// <summary>
/// The model file the study deploys, with the decision and its reasons inside, so an application needs nothing else: the
/// feature pipeline and the MLP with its decision threshold (<c>ChangeMlpThreshold</c>), the calibrator, and the
/// feature contributions (<c>CalculateMlpFeatureContribution</c>, fitted on all rows: the baseline is the average
/// applicant). One PredictionEngine call gives Probability (calibrated), PredictedLabel (the policy's decision) and
/// FeatureContributions (to the MLP's log-odds of default).
/// </summary>
public static class DeployedPipeline
{
    /// <summary>The model to save for <paramref name="deployed"/>, fitted on <paramref name="rows"/> (the rows it was trained on).</summary>
    public static ITransformer Build(MLContext ml, CostAwareModel deployed, IReadOnlyList<LabeledApplication> rows)
    {
        float mlpThreshold = MlpThreshold(ml, deployed.Calibration.Calibrator, deployed.Threshold);
        var deciding = ml.BinaryClassification.ChangeMlpThreshold(deployed.Uncalibrated, mlpThreshold);
        var mlp = deciding.OfType<MlpBinaryPredictionTransformer>().Single();
        var explainer = ml.Transforms.CalculateMlpFeatureContribution(mlp, MlpFeatureContributionOptions.AllUnnormalized()).Fit(deciding.Transform(ml.Data.LoadFromEnumerable(rows)));
        return deployed.Calibration.Calibrator is { } calibrator
            ? new TransformerChain<ITransformer>(deciding, calibrator, explainer)
            : new TransformerChain<ITransformer>(deciding, explainer);
    }

    /// <summary>
    /// The threshold on the MLP's own probability whose decisions are "calibrated probability ≥ <paramref name="threshold"/>":
    /// the calibrator (Platt or isotonic) is non-decreasing in the MLP's score, so it exceeds the threshold exactly above one
    /// score s*, found by bisection; the MLP then decides "score above s*", i.e. its probability above σ(s*).
    /// </summary>
    /// <exception cref="InvalidOperationException">The calibrator does not rise through the threshold.</exception>
    public static float MlpThreshold(MLContext ml, ITransformer? calibrator, double threshold)
    {
        if (calibrator is null) return (float)threshold;
        double Calibrated(double score) =>
            calibrator.Transform(ml.Data.LoadFromEnumerable([new ScoreOnly { Score = (float)score }])).GetColumn<float>("Probability").Single();
        double below = -40, above = 40;
        if (!(Calibrated(below) < threshold && Calibrated(above) >= threshold))
            throw new InvalidOperationException(FormattableString.Invariant(
                $"The calibrator does not rise through the threshold {threshold}: it gives {Calibrated(below)} at score {below} and {Calibrated(above)} at {above}."));
        while (above - below > 1e-6)
        {
            double middle = (below + above) / 2;
            if (Calibrated(middle) >= threshold) above = middle;
            else below = middle;
        }
        return (float)(1 / (1 + Math.Exp(-below)));
    }

    private sealed class ScoreOnly
    {
        public float Score { get; set; }
    }
}
