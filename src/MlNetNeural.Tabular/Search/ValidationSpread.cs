namespace MlNetNeural.Tabular;

/// <summary>How much a trial's validation metric could move with other validation rows: its standard error.</summary>
internal static class ValidationSpread
{
    /// <summary>The standard error of the mean of <paramref name="values"/> (their sample standard deviation over √n), from the finite ones; NaN when fewer than two are.</summary>
    /// <param name="values">The metric on each fold, or on each part of a hold-out.</param>
    public static double StandardError(IEnumerable<double> values)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        if (finite.Length < 2) return double.NaN;
        double mean = finite.Average();
        double variance = finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1);
        return Math.Sqrt(variance / finite.Length);
    }
}
