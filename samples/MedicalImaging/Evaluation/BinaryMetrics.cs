using Microsoft.ML;
using MlNetNeural.Samples;

namespace MedicalImaging.Evaluation;

/// <summary>Test-fold metrics of one model, all from ML.NET's binary evaluator: accuracy at 0.5, AUC, and sensitivity/specificity at the chosen threshold.</summary>
/// <param name="Accuracy">Share of cases right when predicting positive at probability ≥ 0.5.</param>
/// <param name="Auc">Area under the ROC curve (threshold-free).</param>
/// <param name="Sensitivity">Share of positives caught at <paramref name="Threshold"/> (ML.NET's positive recall).</param>
/// <param name="Specificity">Share of negatives cleared at <paramref name="Threshold"/> (ML.NET's negative recall).</param>
/// <param name="Threshold">The operating point, chosen without the test cases.</param>
public sealed record BinaryMetrics(double Accuracy, double Auc, double Sensitivity, double Specificity, float Threshold)
{
    /// <summary>
    /// Evaluates <paramref name="probabilities"/> against <paramref name="labels"/> with ML.NET's
    /// <c>EvaluateNonCalibrated</c> twice: once with the decisions "probability ≥ 0.5" (accuracy, AUC) and once with
    /// "probability ≥ <paramref name="threshold"/>" (sensitivity, specificity), each written as a score whose sign is the
    /// decision (<see cref="DecisionScores"/>).
    /// </summary>
    public static BinaryMetrics Evaluate(MLContext ml, float[] probabilities, bool[] labels, float threshold)
    {
        var atHalf = ml.BinaryClassification.EvaluateNonCalibrated(DecisionRow.View(ml, probabilities, labels, 0.5));
        var atThreshold = ml.BinaryClassification.EvaluateNonCalibrated(DecisionRow.View(ml, probabilities, labels, threshold));
        return new BinaryMetrics(atHalf.Accuracy, atHalf.AreaUnderRocCurve, atThreshold.PositiveRecall, atThreshold.NegativeRecall, threshold);
    }
}
