using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Data;
using MlNetNeural.Scoring;

namespace MlNetNeural.Uncertainty;

/// <summary>
/// Maps rows to the same rows plus the Monte-Carlo dropout columns. Each row runs once through the
/// network as a batch of N copies in training mode (dropout active), with a generator re-seeded from
/// the same seed for every row: the N dropout masks are a fixed, seeded ensemble of thinned networks,
/// so a row's result depends only on its features and the seed, not on row order, cursors or threads.
/// </summary>
internal sealed class MonteCarloDropoutRowMapper : IRowToRowMapper
{
    /// <summary>Stream number that separates this generator from the trainer's (see <see cref="DeterministicRandom.ForStream"/>).</summary>
    private const int DropoutStream = 0x4D43_4450;

    private readonly MonteCarloDropoutTransformer _owner;
    private readonly FeatureColumn _feature;

    public MonteCarloDropoutRowMapper(MonteCarloDropoutTransformer owner, DataViewSchema inputSchema)
    {
        _owner = owner;
        InputSchema = inputSchema;
        var network = owner.Model.Network;
        _feature = FeatureColumn.Find(inputSchema, owner.FeatureColumnName);
        if (_feature.Size != network.InputSize)
            throw SchemaChecks.Mismatch("feature", owner.FeatureColumnName, $"Vector<Single, {network.InputSize}>", _feature.Column.Type,
                $"The model was trained on {network.InputSize} features; the data must go through the same transforms before scoring.");
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        DataViewType probabilityType = IsBinary
            ? NumberDataViewType.Single
            : new VectorDataViewType(NumberDataViewType.Single, network.OutputSize);
        builder.AddColumn(MonteCarloDropoutColumns.ProbabilityMean, probabilityType, ClassNameAnnotations());
        builder.AddColumn(MonteCarloDropoutColumns.ProbabilityStdDev, probabilityType, ClassNameAnnotations());
        builder.AddColumn(MonteCarloDropoutColumns.PredictiveEntropy, NumberDataViewType.Single);
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    private bool IsBinary => _owner.Model.Task == Models.MlpTask.BinaryClassification;

    private DataViewSchema.Annotations? ClassNameAnnotations()
    {
        if (IsBinary) return null;
        var builder = new DataViewSchema.Annotations.Builder();
        ScoreAnnotations.AddNames(builder, ScoreAnnotations.SlotNames, _owner.Model.ClassNames);
        return builder.ToAnnotations();
    }

    private bool IsOutput(DataViewSchema.Column column) => column.Index >= InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new SortedSet<int>();
        foreach (var column in dependingColumns) needed.Add(IsOutput(column) ? _feature.Column.Index : column.Index);
        return needed.Select(index => InputSchema[index]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        var active = new bool[OutputSchema.Count - InputSchema.Count];
        foreach (var column in activeColumns) if (IsOutput(column)) active[column.Index - InputSchema.Count] = true;
        return new SampledRow(this, input, active);
    }

    /// <summary>A row that passes input columns through and computes the uncertainty columns from one cached set of passes.</summary>
    private sealed class SampledRow : DataViewRow
    {
        private readonly MonteCarloDropoutRowMapper _mapper;
        private readonly DataViewRow _input;
        private readonly bool[] _active;
        private readonly FeatureColumn.FeatureReader? _reader;
        private readonly NetworkWorkspace? _workspace;
        private readonly float[] _replicated;
        private readonly MonteCarloSummary _summary;
        private long _sampledPosition = -1;

        public SampledRow(MonteCarloDropoutRowMapper mapper, DataViewRow input, bool[] active)
        {
            _mapper = mapper;
            _input = input;
            _active = active;
            var network = mapper._owner.Model.Network;
            int passes = mapper._owner.Passes;
            _replicated = new float[passes * network.InputSize];
            _summary = new MonteCarloSummary(network.OutputSize, mapper.IsBinary);
            if (active.Any(a => a))
            {
                _reader = mapper._feature.CreateReader(input);
                _workspace = network.CreateWorkspace(passes);
            }
        }

        public override DataViewSchema Schema => _mapper.OutputSchema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            _mapper.IsOutput(column) ? _active[column.Index - _mapper.InputSchema.Count] : _input.IsColumnActive(_mapper.InputSchema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_mapper.IsOutput(column)) return _input.GetGetter<TValue>(_mapper.InputSchema[column.Index]);
            if (!_active[column.Index - _mapper.InputSchema.Count])
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            Delegate getter = column.Name switch
            {
                MonteCarloDropoutColumns.PredictiveEntropy => (ValueGetter<float>)((ref float value) => value = Sample().Entropy),
                MonteCarloDropoutColumns.ProbabilityMean => ProbabilityGetter(summary => summary.Mean),
                _ => ProbabilityGetter(summary => summary.StdDev),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        private Delegate ProbabilityGetter(Func<MonteCarloSummary, float[]> select)
        {
            if (_mapper.IsBinary) return (ValueGetter<float>)((ref float value) => value = select(Sample())[0]);
            return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var values = select(Sample());
                var editor = VBufferEditor.Create(ref value, values.Length);
                values.CopyTo(editor.Values);
                value = editor.Commit();
            });
        }

        private MonteCarloSummary Sample()
        {
            if (_sampledPosition == _input.Position) return _summary;
            var network = _mapper._owner.Model.Network;
            int size = network.InputSize, passes = _mapper._owner.Passes;
            var features = _replicated.AsSpan(0, size);
            _reader!.Read(features);
            int bad = FirstNonFinite(features);
            if (bad >= 0)
                throw new InvalidOperationException(
                    $"Row {_input.Position} of feature column '{_mapper._feature.Column.Name}' has {features[bad]} in slot {bad}. " +
                    "Replace missing values (ml.Transforms.ReplaceMissingValues) the same way as for training.");
            for (int pass = 1; pass < passes; pass++) features.CopyTo(_replicated.AsSpan(pass * size, size));
            var mode = new ForwardMode(true, DeterministicRandom.ForStream(_mapper._owner.Seed, DropoutStream), 1);
            _summary.Compute(network.Forward(_replicated, _workspace!, passes, mode), passes);
            _sampledPosition = _input.Position;
            return _summary;
        }

        private static int FirstNonFinite(ReadOnlySpan<float> values)
        {
            for (int i = 0; i < values.Length; i++) if (!float.IsFinite(values[i])) return i;
            return -1;
        }
    }
}
