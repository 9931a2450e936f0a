using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Core.Attribution;
using MlNetNeural.Explanations;
using MlNetNeural.Transformers;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>
/// Throughput of the feature-contribution transform on WDBC-sized input (all 569 rows, 30 features; one network of the default MLP,
/// [64, 32] ReLU, trained on the centred and scaled rows) against plain scoring of the same rows by the same MLP: Transform,
/// then read every row's FeatureContributions (or Score). Integrated gradients with the default rule (exact on linear
/// pieces), with Gauss–Legendre at the default 128 steps, and gradient × input.
/// </summary>
[Config(typeof(ContributionConfig))]
public class ContributionBenchmarks
{
    /// <summary>Rows explained per operation: every WDBC row.</summary>
    public const int Rows = 569;

    private IDataView _rows = null!;
    private MlpBinaryPredictionTransformer _mlp = null!;
    private ITransformer _linearPieces = null!;
    private ITransformer _gaussLegendre = null!;
    private ITransformer _gradientTimesInput = null!;

    /// <summary>Trains the MLP and fits the three explainers once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var loaded = ml.Data.LoadFromTextFile(RepositoryFiles.Find("data/breast_cancer_wisconsin_diagnostic.csv"),
            [new TextLoader.Column("Features", DataKind.Single, 0, 29), new TextLoader.Column("Diagnosis", DataKind.String, 30)], separatorChar: ',', hasHeader: true);
        var labelled = ml.Transforms.Conversion.MapValue("Label", [new KeyValuePair<string, bool>("M", true), new KeyValuePair<string, bool>("B", false)], "Diagnosis")
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)).Fit(loaded).Transform(loaded);
        _rows = ml.Data.Cache(labelled);
        _mlp = ml.BinaryClassification.Trainers.Mlp(new Trainers.MlpBinaryTrainer.Options { NumberOfThreads = 1, Seed = 1, EnsembleSize = 1 }).Fit(_rows);
        ITransformer Explainer(Action<MlpFeatureContributionOptions> configure)
        {
            var options = MlpFeatureContributionOptions.AllUnnormalized();
            configure(options);
            return ml.Transforms.CalculateMlpFeatureContribution(_mlp, options).Fit(_rows);
        }
        _linearPieces = Explainer(_ => { });
        _gaussLegendre = Explainer(options => options.IntegrationRule = IntegrationRule.GaussLegendre);
        _gradientTimesInput = Explainer(options => options.Method = AttributionMethod.GradientTimesInput);
    }

    /// <summary>Score every row (the baseline: what explaining is compared with).</summary>
    [Benchmark(Baseline = true)]
    public float Score() => ColumnSums.FirstValues(_mlp.Transform(_rows), "Score");

    /// <summary>Integrated gradients, default rule: exact on the linear pieces of each row's path.</summary>
    [Benchmark]
    public float IntegratedGradientsLinearPieces() => ColumnSums.FirstValues(_linearPieces.Transform(_rows), "FeatureContributions");

    /// <summary>Integrated gradients, Gauss–Legendre with 128 points per row.</summary>
    [Benchmark]
    public float IntegratedGradientsGaussLegendre128() => ColumnSums.FirstValues(_gaussLegendre.Transform(_rows), "FeatureContributions");

    /// <summary>Gradient × input: one backward pass per row.</summary>
    [Benchmark]
    public float GradientTimesInput() => ColumnSums.FirstValues(_gradientTimesInput.Transform(_rows), "FeatureContributions");

    /// <summary>The ML.NET benchmarks' job, plus rows per second.</summary>
    private sealed class ContributionConfig : ManualConfig
    {
        public ContributionConfig()
        {
            Add(new MlNetConfig());
            AddColumn(new RowsPerSecondColumn());
        }
    }

    /// <summary><see cref="Rows"/> divided by the mean time of an operation.</summary>
    private sealed class RowsPerSecondColumn : IColumn
    {
        public string Id => "Rows/s";

        public string ColumnName => "Rows/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"Rows per second ({Rows} rows / Mean)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics?.Mean is > 0 and var nanoseconds
                ? (Rows / (nanoseconds * 1e-9)).ToString("N0", style.CultureInfo)
                : "NA";
    }
}
