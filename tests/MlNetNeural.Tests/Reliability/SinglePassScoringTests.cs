using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// Scoring reads its source once: every shipped transform returns every row of a source that cannot be read twice with
/// the row's own outputs, upstream transforms run once per row, and shuffled cursors and cursor sets keep each row's outputs.
/// </summary>
public sealed class SinglePassScoringTests(ShippedTransforms shipped) : IClassFixture<ShippedTransforms>
{
    private MLContext Ml => shipped.Ml;

    /// <summary>The outputs (and Id) of every row, read from a source that can be read again and again.</summary>
    private string[] Expected(ITransformer transform)
    {
        var data = Ml.Data.LoadFromEnumerable(shipped.Rows.ToList());
        return RowText.Of(transform.Transform(data), ShippedTransforms.OutputColumns(transform, data));
    }

    private static string[] Outputs(ITransformer transform, IDataView source) =>
        RowText.Of(transform.Transform(source), ShippedTransforms.OutputColumns(transform, source));

    [Theory]
    [MemberData(nameof(ShippedTransforms.Names), MemberType = typeof(ShippedTransforms))]
    public void AConsumingQueueGetsEveryRowBackWithItsOwnOutputs(string name)
    {
        var transform = shipped.ByName[name];
        Assert.Equal(Expected(transform), Outputs(transform, SinglePassSources.Consuming(Ml, shipped.Rows)));
    }

    [Theory]
    [MemberData(nameof(ShippedTransforms.Names), MemberType = typeof(ShippedTransforms))]
    public void ASourceThatChangesBetweenPassesIsReadOnceAndScoredAsFirstRead(string name)
    {
        var transform = shipped.ByName[name];
        var source = new SinglePassSources.Changing<ScoringRow>(shipped.Rows, row => row.WithOtherFeatures());

        var actual = Outputs(transform, Ml.Data.LoadFromEnumerable(source));

        Assert.Equal(Expected(transform), actual);
        Assert.Equal((1, ShippedTransforms.RowCount), (source.Passes, source.RowsHandedOut));
    }

    [Theory]
    [MemberData(nameof(ShippedTransforms.Names), MemberType = typeof(ShippedTransforms))]
    public void ShuffledCursorsAndCursorSetsGiveEachRowItsOwnOutputs(string name)
    {
        var transform = shipped.ByName[name];
        var expected = Expected(transform);
        var scored = transform.Transform(Ml.Data.Cache(Ml.Data.LoadFromEnumerable(shipped.Rows.ToList())));
        var columns = ShippedTransforms.OutputColumns(transform, Ml.Data.LoadFromEnumerable(shipped.Rows.ToList())).Select(n => scored.Schema[n]).ToArray();

        using (var shuffled = scored.GetRowCursor(columns, new Random(3)))
        {
            var rows = ReadAll(shuffled, columns);
            Assert.NotEqual(expected, rows);
            Assert.Equal(expected, rows.Order(ById.Instance));
        }

        var set = scored.GetRowCursorSet(columns, 2);
        var fromSet = new List<string>[set.Length];
        Parallel.For(0, set.Length, i =>
        {
            using var cursor = set[i];
            fromSet[i] = ReadAll(cursor, columns);
        });
        Assert.Equal(expected, fromSet.SelectMany(rows => rows).Order(ById.Instance));
    }

    [Fact]
    public void UpstreamTransformsRunOncePerRow()
    {
        int calls = 0;
        var raw = Ml.Data.LoadFromEnumerable(shipped.Rows.Select(r => new RawRow { Id = r.Id, Raw = r.Features }).ToList());
        var copyToFeatures = Ml.Transforms.CustomMapping<RawRow, MappedRow>((input, output) =>
        {
            Interlocked.Increment(ref calls);
            output.Features = input.Raw;
        }, contractName: null).Fit(raw);
        var pipeline = copyToFeatures.Append(shipped.ByName["Mlp binary"]);

        var scores = pipeline.Transform(raw).GetColumn<float>("Score").ToArray();

        Assert.Equal(ShippedTransforms.RowCount, scores.Length);
        Assert.Equal(ShippedTransforms.RowCount, calls);
    }

    [Fact]
    public void ASavedPipelineScoresASinglePassSourceRowByRowWithItsOwnScores()
    {
        var data = Ml.Data.LoadFromEnumerable(shipped.Rows.ToList());
        var pipeline = Ml.Transforms.NormalizeMinMax("Features").Fit(data).Append(shipped.ByName["Mlp multiclass"]);
        string path = Path.Combine(Path.GetTempPath(), $"mlnn-single-pass-{Guid.NewGuid():N}.zip");
        try
        {
            Ml.Model.Save(pipeline, data.Schema, path);
            var loaded = new MLContext(seed: 3).RegisterMlNetNeural().Model.Load(path, out _);
            var source = new SinglePassSources.Changing<ScoringRow>(shipped.Rows, row => row.WithOtherFeatures());

            var actual = Outputs(loaded, Ml.Data.LoadFromEnumerable(source));

            Assert.Equal(Outputs(pipeline, data), actual);
            Assert.Equal(ShippedTransforms.RowCount, source.RowsHandedOut);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ANonFiniteFeatureFailsOnlyItsOwnRowAndNamesIt()
    {
        var rows = ShippedTransforms.CreateRows(30, seed: 9);
        rows[10].Features[2] = float.NaN;
        var scored = shipped.ByName["Mlp binary"].Transform(Ml.Data.LoadFromEnumerable(rows));
        using var cursor = scored.GetRowCursor([scored.Schema["Id"], scored.Schema["Score"]]);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        var id = cursor.GetGetter<int>(scored.Schema["Id"]);
        float value = 0;
        int rowId = 0;
        for (int row = 0; row < 10; row++)
        {
            Assert.True(cursor.MoveNext());
            score(ref value);
            Assert.True(float.IsFinite(value));
        }
        Assert.True(cursor.MoveNext());
        id(ref rowId);
        Assert.Equal(10, rowId);
        var error = Assert.Throws<InvalidOperationException>(() => score(ref value));
        Assert.Contains("Row 10 of feature column 'Features' has NaN in slot 2", error.Message);
        Assert.True(cursor.MoveNext());
        score(ref value);
        Assert.True(float.IsFinite(value));
    }

    [Fact]
    public void PassedThroughColumnsKeepEveryRowsOwnValues()
    {
        var rows = Enumerable.Range(0, 150).Select(i => new TypedRow
        {
            Features = shipped.Rows[i].Features, Text = $"row {i}", Flag = i % 3 == 0, Wide = i * 1e10, When = new DateTime(2024, 1, 1).AddDays(i),
            Words = [$"w{i}", $"x{i % 7}"], Counts = [i, -i, i * i],
        }).ToList();
        var data = Ml.Data.LoadFromEnumerable(rows);
        var scored = shipped.ByName["Mlp regression"].Transform(data);

        var read = Ml.Data.CreateEnumerable<TypedRowWithScore>(scored, reuseRowObject: true)
            .Select(r => (r.Text, r.Flag, r.Wide, r.When, string.Join('|', r.Words), string.Join('|', r.Counts))).ToArray();

        Assert.Equal(rows.Select(r => (r.Text, r.Flag, r.Wide, r.When, string.Join('|', r.Words), string.Join('|', r.Counts))), read);
    }

    private static List<string> ReadAll(DataViewRowCursor cursor, DataViewSchema.Column[] columns)
    {
        var formatters = columns.Select(c => RowText.Formatter(cursor, c)).ToArray();
        var rows = new List<string>();
        while (cursor.MoveNext()) rows.Add(string.Join('\t', formatters.Select(f => f())));
        return rows;
    }

    /// <summary>Orders row text by the Id in its first field.</summary>
    private sealed class ById : IComparer<string>
    {
        public static ById Instance { get; } = new();

        public int Compare(string? x, string? y) => IdOf(x!).CompareTo(IdOf(y!));

        private static int IdOf(string row) => int.Parse(row.AsSpan(0, row.IndexOf('\t')), System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed class RawRow
    {
        public int Id { get; set; }

        [VectorType(ShippedTransforms.FeatureCount)]
        public float[] Raw { get; set; } = [];
    }

    public sealed class MappedRow
    {
        [VectorType(ShippedTransforms.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    public class TypedRow
    {
        [VectorType(ShippedTransforms.FeatureCount)]
        public float[] Features { get; set; } = [];

        public string Text { get; set; } = "";

        public bool Flag { get; set; }

        public double Wide { get; set; }

        public DateTime When { get; set; }

        [VectorType(2)]
        public string[] Words { get; set; } = [];

        [VectorType(3)]
        public int[] Counts { get; set; } = [];
    }

    public sealed class TypedRowWithScore : TypedRow
    {
        public float Score { get; set; }
    }
}
