using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>
/// Runs the quality benchmark: for each table, each repeated stratified split, the same featurization
/// (MlNetNeural.Tabular: missing values replaced with indicators, one-hot categories, text featurizer) fitted on
/// the training rows, then every normalizer x model fitted and tested on those rows.
/// </summary>
public static class QualityRunner
{
    /// <summary>Runs everything <paramref name="options"/> asks for, writing progress lines to <paramref name="log"/>.</summary>
    /// <param name="options">Tables, repeats, normalizers, models.</param>
    /// <param name="log">Progress output (one line per fit).</param>
    /// <returns>The table facts and every result.</returns>
    public static (IReadOnlyList<QualityTableFacts> Tables, IReadOnlyList<QualityResult> Results) Run(QualityOptions options, TextWriter log)
    {
        var facts = new List<QualityTableFacts>();
        var results = new List<QualityResult>();
        foreach (var table in options.Tables)
        {
            var clock = Stopwatch.StartNew();
            var inference = table.Infer();
            var dataset = TabularDataset.Create(inference);
            var task = inference.Label.Task;
            log.WriteLine($"{table.Name}: {dataset.RowCount} rows, {task}, read and inferred in {clock.Elapsed.TotalSeconds:F1} s");
            int features = 0;
            for (int seed = 1; seed <= options.Repeats; seed++)
            {
                var (train, test) = Featurize(inference, dataset, options.TestFraction, seed);
                features = ((VectorDataViewType)train.Schema["Features"].Type).Size;
                foreach (var normalizer in options.Normalizers)
                {
                    foreach (var model in options.Models)
                    {
                        var result = FitAndTest(table.Name, task, normalizer, model, seed, train, test);
                        results.Add(result);
                        log.WriteLine($"  seed {seed} {normalizer.Name,-15} {model.Name,-8} {QualityModel.MetricName(task)} {result.Metric:F4}{(double.IsNaN(result.LogLoss) ? "" : $"  log-loss {result.LogLoss:F4}")}  fit {result.FitSeconds,6:F2} s{(result.Error is null ? "" : "  FAILED: " + result.Error)}");
                    }
                }
            }
            facts.Add(new QualityTableFacts(table.Name, task, dataset.RowCount, inference.OfKind(ColumnKind.Numeric).Count,
                inference.OfKind(ColumnKind.Categorical).Count, inference.OfKind(ColumnKind.Text).Count, inference.OfKind(ColumnKind.Ignore).Count,
                inference.Table.Columns.Sum(c => c.MissingCount), features));
        }
        return (facts, results);
    }

    // The featurization is fitted once per split on its training rows and shared by every normalizer and model.
    internal static (IDataView Train, IDataView Test) Featurize(TableInference inference, TabularDataset dataset, double testFraction, int seed)
    {
        var ml = new MLContext(seed: seed);
        var (train, test) = dataset.TrainTestSplit(testFraction, seed);
        var featurizer = new TabularFeaturizer(ml, inference).Fit(train);
        return (ml.Data.Cache(featurizer.Transform(train)), ml.Data.Cache(featurizer.Transform(test)));
    }

    // A failed fit is recorded with its message (and listed in the report) so one model's failure does not end a long run.
    private static QualityResult FitAndTest(string table, TabularTask task, QualityNormalizer normalizer, QualityModel model, int seed, IDataView train, IDataView test)
    {
        var ml = new MLContext(seed: seed);
        var trainer = model.Create(ml, task);
        IEstimator<ITransformer> pipeline = normalizer.Create is null ? trainer : normalizer.Create(ml).Append(trainer);
        var clock = Stopwatch.StartNew();
        try
        {
            var fitted = pipeline.Fit(train);
            double seconds = clock.Elapsed.TotalSeconds;
            var (metric, logLoss) = QualityModel.Evaluate(ml, task, fitted.Transform(test));
            return new QualityResult(table, task, normalizer.Name, model.Name, seed, metric, seconds, logLoss);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new QualityResult(table, task, normalizer.Name, model.Name, seed, double.NaN, clock.Elapsed.TotalSeconds, double.NaN, e.GetBaseException().Message.ReplaceLineEndings(" "));
        }
    }
}
