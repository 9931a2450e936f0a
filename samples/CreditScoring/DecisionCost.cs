namespace CreditScoring;

/// <summary>
/// The Statlog cost matrix: accepting an applicant who turns out bad (a false negative, positive class = bad)
/// costs 5, rejecting a good one (a false positive) costs 1, correct decisions cost 0.
/// </summary>
public static class DecisionCost
{
    /// <summary>Cost of predicting "good" for a bad applicant.</summary>
    public const double FalseNegative = 5;

    /// <summary>Cost of predicting "bad" for a good applicant.</summary>
    public const double FalsePositive = 1;

    /// <summary>The threshold a perfectly calibrated probability would use: predict bad when P(bad) ≥ 1/(1+5).</summary>
    public const double BayesThreshold = FalsePositive / (FalsePositive + FalseNegative);

    /// <summary>Mean cost per applicant when every applicant with probability ≥ <paramref name="threshold"/> is predicted bad.</summary>
    public static double PerApplicant(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities, double threshold)
    {
        RequireSameLength(labels.Count, probabilities.Count);
        return OfDecisions(labels, probabilities.Select(p => p >= threshold).ToArray());
    }

    /// <summary>Mean cost per applicant of the given decisions (true = predicted bad).</summary>
    public static double OfDecisions(IReadOnlyList<bool> labels, IReadOnlyList<bool> predictedBad)
    {
        RequireSameLength(labels.Count, predictedBad.Count);
        double cost = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] && !predictedBad[i]) cost += FalseNegative;
            else if (!labels[i] && predictedBad[i]) cost += FalsePositive;
        }
        return cost / labels.Count;
    }

    /// <summary>
    /// The probability threshold with the lowest cost per applicant on the given (validation) rows. Candidates
    /// are the midpoints between consecutive distinct probabilities plus "everyone bad" and "everyone good";
    /// among equally good thresholds the lowest is returned.
    /// </summary>
    public static double ChooseThreshold(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities)
    {
        RequireSameLength(labels.Count, probabilities.Count);
        var distinct = probabilities.Select(p => (double)p).Distinct().Order().ToArray();
        var candidates = new List<double>(distinct.Length + 1) { distinct[0] };
        for (int i = 1; i < distinct.Length; i++) candidates.Add((distinct[i - 1] + distinct[i]) / 2);
        candidates.Add(Math.BitIncrement(distinct[^1]));
        return candidates.MinBy(threshold => PerApplicant(labels, probabilities, threshold));
    }

    private static void RequireSameLength(int labelCount, int predictionCount)
    {
        if (labelCount == 0)
            throw new ArgumentException("The cost is undefined for zero applicants.", "labels");
        if (labelCount != predictionCount)
            throw new ArgumentException($"{labelCount} labels but {predictionCount} predictions; they must be the same rows.", "labels");
    }
}
