namespace MedicalImaging.Evaluation;

/// <summary>Test-fold metrics of one model: accuracy at 0.5, AUC, and sensitivity/specificity at the chosen threshold.</summary>
/// <param name="Accuracy">Share of cases right with the default threshold 0.5.</param>
/// <param name="Auc">Area under the ROC curve (threshold-free).</param>
/// <param name="Sensitivity">Share of positives caught at <paramref name="Threshold"/>.</param>
/// <param name="Specificity">Share of negatives cleared at <paramref name="Threshold"/>.</param>
/// <param name="Threshold">The operating point, chosen without the test cases.</param>
public sealed record BinaryMetrics(double Accuracy, double Auc, double Sensitivity, double Specificity, float Threshold)
{
    /// <summary>Computes the metrics of <paramref name="probabilities"/> against <paramref name="labels"/>.</summary>
    public static BinaryMetrics Compute(float[] probabilities, bool[] labels, float threshold)
    {
        int positives = labels.Count(l => l), negatives = labels.Length - positives;
        double accuracy = probabilities.Where((p, i) => p > 0.5f == labels[i]).Count() / (double)labels.Length;
        double sensitivity = probabilities.Where((p, i) => labels[i] && p >= threshold).Count() / (double)positives;
        double specificity = probabilities.Where((p, i) => !labels[i] && p < threshold).Count() / (double)negatives;
        return new BinaryMetrics(accuracy, AreaUnderRoc(probabilities, labels), sensitivity, specificity, threshold);
    }

    /// <summary>AUC as the Mann-Whitney statistic: the chance a random positive scores above a random negative (ties count half).</summary>
    public static double AreaUnderRoc(float[] probabilities, bool[] labels)
    {
        int[] order = Enumerable.Range(0, probabilities.Length).OrderBy(i => probabilities[i]).ToArray();
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && probabilities[order[end + 1]] == probabilities[order[start]]) end++;
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) if (labels[order[k]]) positiveRankSum += averageRank;
            start = end + 1;
        }
        long positives = labels.Count(l => l), negatives = labels.Length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }
}
