namespace MlNetNeural.Reports.Curves;

/// <summary>Cumulative true/false positive counts when the decision threshold is lowered past each distinct score.</summary>
internal static class ThresholdSweep
{
    /// <summary>
    /// One entry per distinct score, from the highest score down. Rows with equal scores are passed together,
    /// so ties move the curve diagonally instead of in an order-dependent staircase.
    /// </summary>
    public static IEnumerable<(double Threshold, int TruePositives, int FalsePositives)> Run(LabeledScores data)
    {
        var order = Enumerable.Range(0, data.Scores.Count).OrderByDescending(i => data.Scores[i]).ToArray();
        int truePositives = 0, falsePositives = 0;
        for (var start = 0; start < order.Length;)
        {
            var threshold = data.Scores[order[start]];
            var end = start;
            while (end < order.Length && data.Scores[order[end]] == threshold)
            {
                if (data.Labels[order[end]]) truePositives++;
                else falsePositives++;
                end++;
            }
            yield return (threshold, truePositives, falsePositives);
            start = end;
        }
    }
}
