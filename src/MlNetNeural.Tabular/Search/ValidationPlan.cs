using System.Globalization;
using Microsoft.ML;

namespace MlNetNeural.Tabular;

/// <summary>One fold of a <see cref="ValidationPlan"/>.</summary>
/// <param name="Train">The featurized training rows.</param>
/// <param name="Validation">The featurized validation rows.</param>
/// <param name="ClassCounts">The training rows per class (null for regression).</param>
/// <param name="Parts">
/// The validation rows cut into stratified parts, whose metrics' spread gives a one-hold-out trial its standard error;
/// empty with k-fold, where the folds' values give it.
/// </param>
internal sealed record ValidationFold(IDataView Train, IDataView Validation, long[]? ClassCounts, IReadOnlyList<IDataView> Parts);

/// <summary>How trials are validated: k stratified folds, or one stratified hold-out, each featurized on its own training rows.</summary>
internal sealed class ValidationPlan
{
    /// <summary>Stratified parts a single hold-out is cut into to estimate the spread of its metric (as 5-fold cross-validation would).</summary>
    public const int HoldOutParts = 5;

    private ValidationPlan(IReadOnlyList<ValidationFold> folds, string description, int trainingRows)
    {
        Folds = folds;
        Description = description;
        TrainingRows = trainingRows;
    }

    /// <summary>Each fold's featurized training and validation rows, the training rows per class and the hold-out's parts.</summary>
    public IReadOnlyList<ValidationFold> Folds { get; }

    /// <summary>In words, e.g. "5-fold cross-validation of 380 training rows".</summary>
    public string Description { get; }

    /// <summary>Rows a trial trains on (the smallest fold's).</summary>
    public int TrainingRows { get; }

    /// <summary>The number of folds <paramref name="options"/> asks for, or the automatic choice for <paramref name="rows"/> training rows.</summary>
    public static int FoldCount(MlpSearchOptions options, int rows) => options.ValidationFolds ?? (rows < 1000 ? 5 : rows < 2000 ? 3 : 1);

    public static ValidationPlan Create(MLContext ml, TableInference inference, TabularDataset data, IReadOnlyList<int> positions, MlpSearchOptions options)
    {
        int folds = Math.Min(FoldCount(options, positions.Count), positions.Count);
        var parts = new List<(IReadOnlyList<int> Train, IReadOnlyList<int> Validation)>();
        string description;
        if (folds <= 1)
        {
            var (train, validation) = data.SplitPositions(positions, options.ValidationFraction, options.Seed);
            parts.Add((train, validation));
            description = string.Create(CultureInfo.InvariantCulture,
                $"one stratified hold-out: {validation.Length} of the {positions.Count} training rows ({options.ValidationFraction * 100:0.#}%) validate, {train.Length} train");
        }
        else
        {
            var cut = data.FoldPositions(positions, folds, options.Seed);
            for (int k = 0; k < folds; k++)
                parts.Add(([.. cut.Where((_, j) => j != k).SelectMany(f => f).Order()], cut[k]));
            description = $"{folds}-fold stratified cross-validation of the {positions.Count} training rows";
        }
        var featurized = parts.Select(p =>
        {
            var rows = FeaturizedRows.Fit(ml, inference, data.ToDataView(p.Train));
            IReadOnlyList<IDataView> holdOutParts = parts.Count > 1 || p.Validation.Count < HoldOutParts ? []
                : [.. data.FoldPositions(p.Validation, HoldOutParts, options.Seed).Select(part => rows.Apply(data.ToDataView(part)))];
            return new ValidationFold(rows.Training, rows.Apply(data.ToDataView(p.Validation)), ClassCounts.Of(rows.Training), holdOutParts);
        }).ToList();
        return new ValidationPlan(featurized, description, parts.Min(p => p.Train.Count));
    }
}
