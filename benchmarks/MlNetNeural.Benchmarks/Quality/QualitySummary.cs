using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>Mean, spread and fit time of one table x normalizer x model over the repeats.</summary>
/// <param name="Mean">Mean metric over the repeats that succeeded (NaN if none did).</param>
/// <param name="StandardDeviation">Sample standard deviation over those repeats (0 for one).</param>
/// <param name="FitSeconds">Mean fit time over all repeats.</param>
/// <param name="Failures">Repeats whose fit or evaluation failed.</param>
public sealed record QualityCell(double Mean, double StandardDeviation, double FitSeconds, int Failures);

/// <summary>Log-loss of one table x normalizer x model over the repeats whose log-loss is known (classification fits that succeeded).</summary>
/// <param name="Mean">Mean over the finite log-losses (NaN if none).</param>
/// <param name="StandardDeviation">Sample standard deviation over them (0 for one).</param>
/// <param name="Infinite">Repeats whose log-loss is infinite (a test row's class got probability 0).</param>
/// <param name="Known">Repeats with a log-loss, finite or not.</param>
public sealed record QualityLogLoss(double Mean, double StandardDeviation, int Infinite, int Known);

/// <summary>The numbers the report is made of, computed from raw results.</summary>
public sealed class QualitySummary
{
    /// <summary>The model the gaps are measured for.</summary>
    public const string Ours = "mlp";

    /// <summary>The model the gaps are measured against.</summary>
    public const string Reference = "lightgbm";

    private readonly IReadOnlyList<QualityResult> _results;

    /// <summary>Summarises <paramref name="results"/> of the tables <paramref name="tables"/>.</summary>
    /// <param name="tables">Facts per table, in run order.</param>
    /// <param name="results">Every fit.</param>
    public QualitySummary(IReadOnlyList<QualityTableFacts> tables, IReadOnlyList<QualityResult> results)
    {
        Tables = tables;
        _results = results;
    }

    /// <summary>The tables, in run order.</summary>
    public IReadOnlyList<QualityTableFacts> Tables { get; }

    /// <summary>Normalizer short names, in run order.</summary>
    public IReadOnlyList<string> Normalizers => [.. _results.Select(r => r.Normalizer).Distinct()];

    /// <summary>Model short names, in run order.</summary>
    public IReadOnlyList<string> Models => [.. _results.Select(r => r.Model).Distinct()];

    /// <summary>The summary of one table x normalizer x model, or null if it was not run.</summary>
    public QualityCell? Cell(string table, string normalizer, string model)
    {
        var runs = _results.Where(r => r.Table == table && r.Normalizer == normalizer && r.Model == model).ToList();
        if (runs.Count == 0) return null;
        var ok = runs.Where(r => r.Error is null).Select(r => r.Metric).ToList();
        var (mean, sd) = MeanAndStandardDeviation(ok);
        return new QualityCell(mean, sd, runs.Average(r => r.FitSeconds), runs.Count - ok.Count);
    }

    /// <summary>The log-loss of one table x normalizer x model, or null when no repeat has one (regression, not run, or an older CSV).</summary>
    public QualityLogLoss? LogLoss(string table, string normalizer, string model)
    {
        var known = _results.Where(r => r.Table == table && r.Normalizer == normalizer && r.Model == model && r.Error is null && !double.IsNaN(r.LogLoss))
            .Select(r => r.LogLoss).ToList();
        if (known.Count == 0) return null;
        var finite = known.Where(double.IsFinite).ToList();
        var (mean, sd) = MeanAndStandardDeviation(finite);
        return new QualityLogLoss(mean, sd, known.Count - finite.Count, known.Count);
    }

    /// <summary>
    /// Mlp minus LightGbm on one table under one normalizer, in points: (AUC or macro accuracy difference) x 100;
    /// for RMSE (LightGbm - Mlp) / LightGbm x 100. Positive means the Mlp is better. Null when either is missing or failed.
    /// </summary>
    public double? Gap(string table, string normalizer)
    {
        var facts = Tables.First(t => t.Name == table);
        var ours = Cell(table, normalizer, Ours);
        var reference = Cell(table, normalizer, Reference);
        if (ours is null || reference is null || !double.IsFinite(ours.Mean) || !double.IsFinite(reference.Mean)) return null;
        return facts.Task == TabularTask.Regression
            ? (reference.Mean - ours.Mean) / reference.Mean * 100
            : (ours.Mean - reference.Mean) * 100;
    }

    /// <summary>The median of <see cref="Gap"/> over the tables (only those with text columns when <paramref name="textTablesOnly"/>), and how many tables it is over.</summary>
    public (double? Median, int Tables) MedianGap(string normalizer, bool textTablesOnly = false)
    {
        var gaps = Tables.Where(t => !textTablesOnly || t.HasTextColumns)
            .Select(t => Gap(t.Name, normalizer)).OfType<double>().Order().ToList();
        if (gaps.Count == 0) return (null, 0);
        int middle = gaps.Count / 2;
        return (gaps.Count % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2, gaps.Count);
    }

    /// <summary>Total seconds spent fitting <paramref name="model"/> (every table and repeat; one normalizer, or all when null).</summary>
    public double TotalFitSeconds(string model, string? normalizer = null) =>
        _results.Where(r => r.Model == model && (normalizer is null || r.Normalizer == normalizer)).Sum(r => r.FitSeconds);

    /// <summary>The failed fits.</summary>
    public IEnumerable<QualityResult> Failures => _results.Where(r => r.Error is not null);

    /// <summary>The mean (NaN for no values) and the sample standard deviation (0 for fewer than two values).</summary>
    private static (double Mean, double StandardDeviation) MeanAndStandardDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Count == 0 ? double.NaN : values.Average();
        return (mean, values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)));
    }
}
