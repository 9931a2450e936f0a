using System.Globalization;
using Microsoft.ML;
using MlNetNeural.Samples;

namespace CreditScoring;

/// <summary>
/// How <see cref="MlpConfiguration.Chosen"/> was picked, without looking at any outer test fold: for each outer
/// fold of the study's split, every configuration is scored by inner k-fold cross-validation on that fold's
/// training rows only (out-of-fold AUC). The winner per outer fold is what a fully nested tuning would use there.
/// </summary>
public static class MlpTuning
{
    /// <summary>
    /// The configurations compared: network size, dropout, L2 and epochs around the usual small-data choices
    /// (an earlier run with 120 epochs found it worse than 60 for every network).
    /// </summary>
    public static IReadOnlyList<MlpConfiguration> Grid { get; } =
    [
        .. from hidden in new int[][] { [8], [16], [32, 16] }
           from dropout in new[] { 0.1f, 0.3f }
           from l2 in new[] { 1e-4f, 1e-3f }
           from epochs in new[] { 15, 20, 30, 60 }
           select new MlpConfiguration(hidden, dropout, l2, epochs),
    ];

    /// <summary>Inner-CV AUC of each configuration (rows) in each outer fold (columns).</summary>
    public static IReadOnlyDictionary<MlpConfiguration, double[]> Run(StudySettings settings, IReadOnlyList<MlpConfiguration> grid, Action<string> log)
    {
        var ml = new MLContext(seed: settings.Seed);
        var rows = CreditData.Load(ml, settings.DataPath);
        var scores = grid.ToDictionary(c => c, _ => new double[settings.OuterFolds]);
        int outer = 0;
        foreach (var (train, _) in StratifiedFolds.Split(rows, rows.Select(r => r.Label).ToArray(), settings.OuterFolds, settings.Seed))
        {
            foreach (var configuration in grid)
            {
                var candidate = ModelCandidate.Mlp(settings.Seed, configuration);
                var outOfFold = new List<ScoredRow>();
                foreach (var (innerTrain, validation) in StratifiedFolds.Split(train, train.Select(r => r.Label).ToArray(), settings.InnerFolds, settings.Seed + outer + 1))
                    outOfFold.AddRange(CostAwareModel.Score(ml, candidate.Fit(ml, innerTrain), validation));
                scores[configuration][outer] = Metrics.Auc(ml, outOfFold);
            }
            var best = scores.MaxBy(pair => pair.Value[outer]).Key;
            log(string.Create(CultureInfo.InvariantCulture, $"outer fold {outer + 1}/{settings.OuterFolds}: best inner-CV AUC {scores[best][outer]:F4} with {best}"));
            outer++;
        }
        return scores;
    }
}
