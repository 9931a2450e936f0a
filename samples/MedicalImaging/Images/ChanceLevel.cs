namespace MedicalImaging.Images;

/// <summary>
/// Whether a held-out accuracy is better than guessing: compared with always predicting the most frequent held-out
/// class, by a one-sided binomial test (the chance that a guesser right with that share gets at least as many right).
/// </summary>
public static class ChanceLevel
{
    /// <summary>Below this p-value the accuracy counts as better than chance.</summary>
    public const double Significance = 0.05;

    /// <summary>P(X ≥ <paramref name="correct"/>) for X ~ Binomial(<paramref name="total"/>, <paramref name="share"/>).</summary>
    public static double TailProbability(int correct, int total, double share)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(correct);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, correct);
        double tail = 0;
        for (int k = correct; k <= total; k++)
            tail += Math.Exp(LogChoose(total, k) + k * Math.Log(share) + (total - k) * Math.Log(1 - share));
        return Math.Min(1, tail);
    }

    /// <summary>True when <paramref name="correct"/> of <paramref name="total"/> is significantly above <paramref name="majorityShare"/>.</summary>
    public static bool IsBetterThanChance(int correct, int total, double majorityShare) =>
        majorityShare >= 1 ? false : TailProbability(correct, total, majorityShare) < Significance;

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n)
    {
        double sum = 0;
        for (int i = 2; i <= n; i++) sum += Math.Log(i);
        return sum;
    }
}
