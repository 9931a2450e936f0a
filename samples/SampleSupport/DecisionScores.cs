namespace MlNetNeural.Samples;

/// <summary>
/// Decisions at a probability threshold written as a score for ML.NET's binary evaluator. The evaluator (ML.NET 5.0.1)
/// counts a row as predicted positive when its Score is above 0 and does not read PredictedLabel, so to get ML.NET's
/// accuracy, recall, specificity and confusion matrix of the decisions "probability ≥ t", score each row with
/// logit(probability) − logit(t). Within one threshold the order of the rows, and so the AUC, does not change.
/// </summary>
public static class DecisionScores
{
    /// <summary>
    /// logit(<paramref name="probability"/>) − logit(<paramref name="threshold"/>), whose sign is always the decision
    /// "probability ≥ threshold": positive when it holds (also at an exact tie), negative when it does not.
    /// Probabilities are clamped only at 0 and 1 (to 1e-60 and 1 − 1e-15), so distinct float probabilities keep their order.
    /// </summary>
    public static float At(float probability, double threshold)
    {
        var score = (float)(LogOdds(probability) - LogOdds(threshold));
        return probability >= threshold
            ? (score > 0 ? score : float.Epsilon)
            : (score < 0 ? score : -float.Epsilon);
    }

    private static double LogOdds(double probability)
    {
        var p = Math.Clamp(probability, 1e-60, 1 - 1e-15);
        return Math.Log(p) - Math.Log(1 - p);
    }
}
