using System.Globalization;
using Microsoft.ML;

namespace MlNetNeural.Tabular;

/// <summary>One fold of a <see cref="ValidationPlan"/>.</summary>
/// <param name="Train">The featurized training rows.</param>
/// <param name="Validation">The featurized validation rows.</param>
/// <param name="ClassCounts">The training rows per class (null for regression).</param>
/// <param name="Parts">
/// The validation rows cut into parts (stratified by class for classification), whose metrics' spread gives a one-hold-out trial its standard error;
/// empty with k-fold, where the folds' values give it.
/// </param>
internal sealed record ValidationFold(IDataView Train, IDataView Validation, long[]? ClassCounts, IReadOnlyList<IDataView> Parts);

/// <summary>
/// How trials are validated: k folds, or one hold-out (stratified by class for classification, random for regression), each featurized on its own training rows;
/// for candidates that keep only the most informative columns, the same folds featurized on those columns (ranked on
/// each fold's training rows, so the validation rows never take part in the choice), made once per column count.
/// </summary>
internal sealed class ValidationPlan
{
    /// <summary>Stratified parts a single hold-out is cut into to estimate the spread of its metric (as 5-fold cross-validation would).</summary>
    public const int HoldOutParts = 5;

    private readonly MLContext _ml;
    private readonly TableInference _inference;
    private readonly TabularDataset _data;
    private readonly int _seed;
    private readonly IReadOnlyList<(IReadOnlyList<int> Train, IReadOnlyList<int> Validation)> _positions;
    private readonly Dictionary<int, IReadOnlyList<ValidationFold>> _selected = [];
    private readonly ColumnRanking?[] _rankings;

    private ValidationPlan(MLContext ml, TableInference inference, TabularDataset data, int seed,
        IReadOnlyList<(IReadOnlyList<int> Train, IReadOnlyList<int> Validation)> positions, string description)
    {
        _ml = ml;
        _inference = inference;
        _data = data;
        _seed = seed;
        _positions = positions;
        _rankings = new ColumnRanking?[positions.Count];
        Description = description;
        TrainingRows = positions.Min(p => p.Train.Count);
        Folds = [.. positions.Select(p => Featurize(inference, p.Train, p.Validation))];
    }

    /// <summary>Each fold's featurized training and validation rows (every column), the training rows per class and the hold-out's parts.</summary>
    public IReadOnlyList<ValidationFold> Folds { get; }

    /// <summary>In words, e.g. "5-fold cross-validation of 380 training rows".</summary>
    public string Description { get; }

    /// <summary>Rows a trial trains on (the smallest fold's).</summary>
    public int TrainingRows { get; }

    /// <summary>The number of folds <paramref name="options"/> asks for, or the automatic choice for <paramref name="rows"/> training rows.</summary>
    public static int FoldCount(MlpSearchOptions options, int rows) => options.ValidationFolds ?? (rows < 1000 ? 5 : rows < 2000 ? 3 : 1);

    /// <summary>The folds featurized on every column (<paramref name="topColumns"/> null) or on each fold's <paramref name="topColumns"/> most informative ones.</summary>
    public IReadOnlyList<ValidationFold> FoldsFor(int? topColumns)
    {
        if (topColumns is not { } count) return Folds;
        if (_selected.TryGetValue(count, out var folds)) return folds;
        return _selected[count] = [.. _positions.Select((p, k) => Featurize(ColumnRelevance.KeepMostInformative(_inference, Ranking(k).Names, count), p.Train, p.Validation))];
    }

    /// <summary>The rankable columns that look informative on the first fold's training rows (<see cref="ColumnRanking.InformativeCount"/>).</summary>
    public int InformativeColumns() => Ranking(0).InformativeCount;

    // Each fold's columns scored on its training rows, once.
    private ColumnRanking Ranking(int fold) => _rankings[fold] ??= ColumnRelevance.Measure(_data, _positions[fold].Train, _seed);

    public static ValidationPlan Create(MLContext ml, TableInference inference, TabularDataset data, IReadOnlyList<int> positions, MlpSearchOptions options)
    {
        int requested = FoldCount(options, positions.Count), folds = Math.Min(requested, positions.Count);
        string capped = folds < requested ? $" (not {requested}: there are {positions.Count} training rows)" : "";
        if (data.RarerBinaryClass(positions) is var (rarer, rows))
        {
            // Each part must hold both classes (AUC needs them): a stratified hold-out takes 2 rows of a class, k folds k rows.
            if (rows < 2)
                throw new TabularDataException(TabularProblem.TooFewRows,
                    $"{data.Table.Source}: the class '{rarer}' has {rows} of the {positions.Count} training rows; validating needs at least 2 (one to train on, one to validate, as AUC needs both classes). Add rows of that class, or hold out fewer rows for testing.",
                    data.Table.Source, column: inference.Label.Name, value: rarer);
            if (folds > rows)
            {
                capped = $" (not {requested}: the class '{rarer}' has {rows} training rows, and every fold needs one of each class)";
                folds = rows;
            }
        }
        var parts = new List<(IReadOnlyList<int> Train, IReadOnlyList<int> Validation)>();
        // The splits are stratified by class for classification; a regression label has no classes, and its splits are random.
        bool byClass = inference.Label.Task != TabularTask.Regression;
        string description;
        if (folds <= 1)
        {
            var (train, validation) = data.SplitPositions(positions, options.ValidationFraction, options.Seed);
            parts.Add((train, validation));
            description = string.Create(CultureInfo.InvariantCulture,
                $"one {(byClass ? "stratified" : "random")} hold-out: {validation.Length} of the {positions.Count} training rows ({options.ValidationFraction * 100:0.#}%) validate, {train.Length} train");
        }
        else
        {
            var cut = data.FoldPositions(positions, folds, options.Seed);
            for (int k = 0; k < folds; k++)
                parts.Add(([.. cut.Where((_, j) => j != k).SelectMany(f => f).Order()], cut[k]));
            description = $"{folds}-fold {(byClass ? "stratified" : "random")} cross-validation of the {positions.Count} training rows{capped}";
        }
        return new ValidationPlan(ml, inference, data, options.Seed, parts, description);
    }

    private ValidationFold Featurize(TableInference inference, IReadOnlyList<int> train, IReadOnlyList<int> validation)
    {
        var rows = FeaturizedRows.Fit(_ml, inference, _data.ToDataView(train));
        IReadOnlyList<IDataView> holdOutParts = _positions.Count > 1 || validation.Count < HoldOutParts ? []
            : [.. _data.FoldPositions(validation, HoldOutParts, _seed).Select(part => rows.Apply(_data.ToDataView(part)))];
        return new ValidationFold(rows.Training, rows.Apply(_data.ToDataView(validation)), ClassCounts.Of(rows.Training), holdOutParts);
    }
}
