using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>
/// A table typed by a <see cref="TableInference"/>, ready for ML.NET: numeric columns as Single (NaN where
/// missing), date columns as Single days since 1970-01-01 UTC, categorical and text columns as text (empty where missing), the label as text for
/// classification (numbers in invariant culture) or Single for regression; ignored columns and rows without
/// a label are left out. Column names are the file's. Feed <see cref="ToDataView()"/> (or a
/// <see cref="TrainTestSplit"/>) to a <see cref="TabularFeaturizer"/>.
/// </summary>
public sealed class TabularDataset
{
    private readonly DataViewSchema _schema;
    private readonly Array[] _columns;
    private readonly int[] _rows;

    private TabularDataset(TabularSchema decisions, CsvTable table, DataViewSchema schema, Array[] columns, int[] rows, object[]? strata)
    {
        Decisions = decisions;
        Table = table;
        _schema = schema;
        _columns = columns;
        _rows = rows;
        Strata = strata;
    }

    /// <summary>The decisions the data was typed with.</summary>
    public TabularSchema Decisions { get; }

    /// <summary>The table the values come from (the inference's own, or another with the same columns).</summary>
    public CsvTable Table { get; }

    /// <summary>Rows in the data view (the table's rows that have a label, or all rows when there is no label column).</summary>
    public int RowCount => _rows.Length;

    /// <summary>Whether the table had the label column. When it did not (data to predict on), the data view still has a label column, every value missing.</summary>
    public bool HasLabel { get; private init; }

    // The label per data-view row (class text or number), for stratified splits; null without a label.
    private object[]? Strata { get; }

    /// <summary>Types the table the inference was made on.</summary>
    /// <param name="inference">The decisions.</param>
    public static TabularDataset Create(TableInference inference) => Create(inference, inference.Table);

    /// <summary>
    /// Types another table (a test file, or data to predict on) with the same decisions, e.g. the
    /// <c>--test FILE.csv</c> of a tool. It must have every used feature column (by name; extra columns are
    /// ignored) and, unless <paramref name="requireLabel"/> is false, the label.
    /// </summary>
    /// <param name="inference">The decisions, made on the training table.</param>
    /// <param name="table">The table to type.</param>
    /// <param name="requireLabel">Whether the label column must be present (false for data to predict on: the view then gets an all-missing label column, so a fitted pipeline applies unchanged).</param>
    /// <exception cref="TabularDataException">A column is missing, a numeric column holds a non-number (row, column and value named),
    /// or a label value is not one of the training classes.</exception>
    public static TabularDataset Create(TableInference inference, CsvTable table, bool requireLabel = true)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return Create(inference.Schema, table, requireLabel);
    }

    /// <summary>
    /// Types a table with decisions made earlier, e.g. those a saved <see cref="TabularModel"/> carries: the same as
    /// <see cref="Create(TableInference, CsvTable, bool)"/> without the training table at hand.
    /// </summary>
    /// <param name="decisions">The label and column decisions.</param>
    /// <param name="table">The table to type.</param>
    /// <param name="requireLabel">Whether the label column must be present.</param>
    /// <exception cref="TabularDataException">A column is missing, a numeric column holds a non-number (row, column and value named),
    /// or a label value is not one of the training classes.</exception>
    public static TabularDataset Create(TabularSchema decisions, CsvTable table, bool requireLabel = true)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(table);
        return Create(decisions, table, requireLabel ? table.Get(decisions.Label.Name, "label") : table.Find(decisions.Label.Name));
    }

    /// <summary>
    /// Types data to predict on: every row, in file order, with an all-missing label column whether or not the file has
    /// the label (its values are neither read nor checked), so a fitted pipeline scores each row of the file.
    /// </summary>
    /// <param name="decisions">The label and column decisions.</param>
    /// <param name="table">The table to type.</param>
    /// <exception cref="TabularDataException">A feature column is missing, or a numeric column holds a non-number (row, column and value named).</exception>
    public static TabularDataset ForPrediction(TabularSchema decisions, CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(table);
        return Create(decisions, table, labelColumn: null);
    }

    private static TabularDataset Create(TabularSchema decisions, CsvTable table, CsvColumn? labelColumn)
    {
        var label = decisions.Label;
        var features = decisions.Features.Select(d => (Decision: d, Column: table.Get(d.Name, "feature"))).ToList();

        int[] rows = labelColumn is null
            ? [.. Enumerable.Range(0, table.RowCount)]
            : [.. Enumerable.Range(0, table.RowCount).Where(r => labelColumn[r] is not null)];
        var columns = new List<Array>();
        foreach (var (decision, column) in features)
        {
            columns.Add(decision.DateLayout is { } layout ? ColumnValues.Dates(column, table, layout)
                : decision.IsNumber ? ColumnValues.Numbers(column, table, decision.MissingTokens)
                : ColumnValues.Texts(column));
        }
        // Without a label column (data to predict on) the view still has one, all missing, so a pipeline fitted
        // on labelled data (whose first steps read the label) applies unchanged.
        bool regression = label.Task == TabularTask.Regression;
        if (labelColumn is null)
        {
            columns.Add(regression ? Enumerable.Repeat(float.NaN, table.RowCount).ToArray() : new ReadOnlyMemory<char>[table.RowCount]);
        }
        else
        {
            columns.Add(regression ? ColumnValues.Numbers(labelColumn, table) : ColumnValues.Classes(labelColumn, table, label));
        }
        object[]? strata = labelColumn is null ? null
            : regression ? [.. rows.Select(_ => (object)0)]
            : [.. rows.Select(r => (object)((ReadOnlyMemory<char>[])columns[^1])[r].ToString())];
        return new TabularDataset(decisions, table, ViewSchema(decisions), [.. columns], rows, strata) { HasLabel = labelColumn is not null };
    }

    /// <summary>
    /// The schema of the data view the decisions type a table into: each feature column as Single (<see cref="ColumnDecision.IsNumber"/>)
    /// or text, in file order, then the label as Single for regression or text for classification.
    /// </summary>
    /// <param name="decisions">The label and column decisions.</param>
    internal static DataViewSchema ViewSchema(TabularSchema decisions)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var decision in decisions.Features)
            builder.AddColumn(decision.Name, decision.IsNumber ? NumberDataViewType.Single : TextDataViewType.Instance);
        builder.AddColumn(decisions.Label.Name, decisions.Label.Task == TabularTask.Regression ? NumberDataViewType.Single : TextDataViewType.Instance);
        return builder.ToSchema();
    }

    /// <summary>All rows as an ML.NET data view.</summary>
    public IDataView ToDataView() => new ColumnarDataView(_schema, _columns, _rows);

    /// <summary>The rows at the given positions (0 .. <see cref="RowCount"/>-1) as an ML.NET data view.</summary>
    /// <param name="positions">Positions among this dataset's rows.</param>
    public IDataView ToDataView(IReadOnlyList<int> positions) =>
        new ColumnarDataView(_schema, _columns, [.. positions.Select(p => _rows[p])]);

    /// <summary>A random split, stratified by class for classification (each class split in the same proportion).</summary>
    /// <param name="testFraction">Fraction of rows in the test part, e.g. 0.2.</param>
    /// <param name="seed">The random seed; the same seed gives the same split.</param>
    /// <exception cref="InvalidOperationException">The dataset has no label column.</exception>
    public (IDataView Train, IDataView Test) TrainTestSplit(double testFraction, int seed)
    {
        var (train, test) = SplitPositions(testFraction, seed);
        return (ToDataView(train), ToDataView(test));
    }

    /// <summary>The positions of <see cref="TrainTestSplit"/>, for callers that need them (e.g. to report which rows were tested).</summary>
    /// <param name="testFraction">Fraction of rows in the test part.</param>
    /// <param name="seed">The random seed.</param>
    public (int[] Train, int[] Test) SplitPositions(double testFraction, int seed) =>
        SplitPositions(Enumerable.Range(0, RowCount).ToArray(), testFraction, seed);

    /// <summary>Splits some of the positions (e.g. the training part of an earlier split) in two, stratified by class like <see cref="TrainTestSplit"/>.</summary>
    /// <param name="positions">Positions among this dataset's rows.</param>
    /// <param name="testFraction">Fraction of them in the second part.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>Both parts, as positions among this dataset's rows, in ascending order.</returns>
    /// <exception cref="InvalidOperationException">The dataset has no label column.</exception>
    public (int[] Train, int[] Test) SplitPositions(IReadOnlyList<int> positions, double testFraction, int seed)
    {
        var (train, test) = StratifiedSplit.Split(StrataOf(positions), testFraction, seed);
        return ([.. train.Select(i => positions[i])], [.. test.Select(i => positions[i])]);
    }

    /// <summary>Cuts positions into <paramref name="folds"/> folds of nearly equal size, stratified by class, for k-fold cross-validation.</summary>
    /// <param name="positions">Positions among this dataset's rows.</param>
    /// <param name="folds">The number of folds, at least 2.</param>
    /// <param name="seed">The random seed; the same seed gives the same folds.</param>
    /// <returns>The folds, each as positions among this dataset's rows in ascending order.</returns>
    /// <exception cref="InvalidOperationException">The dataset has no label column.</exception>
    public IReadOnlyList<int[]> FoldPositions(IReadOnlyList<int> positions, int folds, int seed) =>
        [.. StratifiedSplit.Folds(StrataOf(positions), folds, seed).Select(fold => fold.Select(i => positions[i]).ToArray())];

    /// <summary>
    /// For a binary label, the class with fewer rows among <paramref name="positions"/> (the first in class order on a tie) and
    /// its row count, 0 when none of them holds it; null for other tasks. Binary metrics (AUC) need rows of both classes, and a
    /// stratified split or fold needs as many rows of each class as parts it cuts.
    /// </summary>
    /// <param name="positions">Positions among this dataset's rows.</param>
    public (string Class, int Rows)? RarerBinaryClass(IReadOnlyList<int> positions)
    {
        if (Decisions.Label.Task != TabularTask.BinaryClassification || Strata is not { } strata) return null;
        return Decisions.Label.Classes.Select(c => (Class: c, Rows: positions.Count(p => (string)strata[p] == c))).MinBy(c => c.Rows);
    }

    /// <summary>The 0-based row of <see cref="Table"/> that position <paramref name="position"/> shows (rows without a label are skipped in the dataset).</summary>
    /// <param name="position">A position among this dataset's rows.</param>
    public int TableRowOf(int position) => _rows[position];

    private object[] StrataOf(IReadOnlyList<int> positions)
    {
        var strata = Strata ?? throw new InvalidOperationException("This dataset has no label column, so it cannot be split by class.");
        return [.. positions.Select(p => strata[p])];
    }
}
