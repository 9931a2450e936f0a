namespace MlNetNeural.Tabular;

/// <summary>
/// The one-standard-error rule of model selection (Breiman, Friedman, Olshen and Stone 1984, <i>Classification and
/// Regression Trees</i>, §3.4.3; Hastie, Tibshirani and Friedman 2009, <i>The Elements of Statistical Learning</i>, §7.10),
/// with the Mlp's defaults as the model preferred on a tie: the search keeps the defaults unless the best validated
/// candidate beats them by more than that candidate's standard error. Picking the best of many candidates on one
/// validation score favours the one whose score the noise flattered most (Cawley and Talbot 2010, "On over-fitting in
/// model selection and subsequent selection bias in performance evaluation", JMLR 11), and the defaults were chosen on a
/// suite of tables beforehand, so they stand until the validation says otherwise beyond its noise.
/// </summary>
internal static class DefaultsPreference
{
    /// <summary>
    /// The trial to fit: <paramref name="best"/>, or <paramref name="defaults"/> when both validated at the same rung and the
    /// best's gain over them is at most its <see cref="MlpTrial.StandardError"/> (a best without a standard error is taken as it is).
    /// </summary>
    /// <param name="metric">The metric the trials were compared by.</param>
    /// <param name="best">The best validated trial of the highest rung reached, or null.</param>
    /// <param name="defaults">The completed trial of the defaults, or null.</param>
    public static MlpTrial? Choose(TabularMetric metric, MlpTrial? best, MlpTrial? defaults) =>
        best is not null && defaults is not null && best != defaults && best.Rung == defaults.Rung && WithinNoise(metric, best, defaults)
            ? defaults
            : best;

    /// <summary>True when <paramref name="best"/> is better than <paramref name="defaults"/> by at most its standard error.</summary>
    public static bool WithinNoise(TabularMetric metric, MlpTrial best, MlpTrial defaults)
    {
        double gain = metric.HigherIsBetter ? best.Metric - defaults.Metric : defaults.Metric - best.Metric;
        return double.IsFinite(best.StandardError) && gain <= best.StandardError;
    }

    /// <summary>The standard error of the mean of <paramref name="values"/> (their sample standard deviation over √n), from the finite ones; NaN when fewer than two are.</summary>
    /// <param name="values">The metric on each fold or part.</param>
    public static double StandardError(IEnumerable<double> values)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        if (finite.Length < 2) return double.NaN;
        double mean = finite.Average();
        double variance = finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1);
        return Math.Sqrt(variance / finite.Length);
    }
}
