namespace MlNetNeural.Tabular;

/// <summary>
/// The bookkeeping of asynchronous successive halving (ASHA; Li et al. 2020, "A System for Massively Parallel
/// Hyperparameter Tuning", MLSys, Algorithm 2), run with one worker so that it is deterministic: whenever a trial
/// ends, the next job is the best not-yet-promoted candidate among the top 1/η of the highest rung that has one,
/// else a new candidate on the lowest rung.
/// </summary>
internal sealed class AshaScheduler
{
    private readonly int _eta;
    private readonly TabularMetric _metric;
    private readonly List<(int Candidate, double Metric)>[] _rungs;
    private readonly HashSet<(int Rung, int Candidate)> _promoted = [];

    public AshaScheduler(int rungCount, int eta, TabularMetric metric)
    {
        _eta = eta;
        _metric = metric;
        _rungs = [.. Enumerable.Range(0, rungCount).Select(_ => new List<(int, double)>())];
    }

    public int TopRung => _rungs.Length - 1;

    /// <summary>The epochs of each rung: the top rung trains for <paramref name="maxEpochs"/>, each rung below for 1/η of the one above (at least 1).</summary>
    public static int[] RungEpochs(int maxEpochs, int rungCount, int eta) =>
        [.. Enumerable.Range(0, rungCount).Select(k => Math.Max(1, (int)Math.Round(maxEpochs / Math.Pow(eta, rungCount - 1 - k))))];

    /// <summary>Records a completed trial.</summary>
    public void Record(int candidate, int rung, double metric) => _rungs[rung].Add((candidate, metric));

    /// <summary>The candidate to promote and the rung it climbs to, or null when none is due (then a new candidate starts on rung 0).</summary>
    public (int Candidate, int Rung)? NextPromotion()
    {
        for (int k = _rungs.Length - 2; k >= 0; k--)
        {
            foreach (var (candidate, _) in Ranked(_rungs[k]).Take(_rungs[k].Count / _eta))
            {
                if (_promoted.Add((k, candidate))) return (candidate, k + 1);
            }
        }
        return null;
    }

    // Best first; ties go to the earlier candidate, so the order never depends on anything but the metrics.
    private IEnumerable<(int Candidate, double Metric)> Ranked(List<(int Candidate, double Metric)> rung) => _metric.HigherIsBetter
        ? rung.OrderByDescending(e => e.Metric).ThenBy(e => e.Candidate)
        : rung.OrderBy(e => e.Metric).ThenBy(e => e.Candidate);
}
