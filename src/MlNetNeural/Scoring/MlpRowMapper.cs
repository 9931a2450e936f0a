using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Data;

namespace MlNetNeural.Scoring;

/// <summary>
/// Maps rows of an input schema to the same rows plus a head's output columns, scoring each row
/// once with the network (on first use of any output column) and without allocating per row.
/// </summary>
internal sealed class MlpRowMapper : IRowToRowMapper
{
    private readonly Network _network;
    private readonly FeatureColumn _feature;
    private readonly HeadColumn[] _outputs;

    public MlpRowMapper(Network network, PredictionHead head, string featureColumnName, DataViewSchema inputSchema)
    {
        _network = network;
        InputSchema = inputSchema;
        _feature = FeatureColumn.Find(inputSchema, featureColumnName);
        if (_feature.Size != network.InputSize)
            throw SchemaChecks.Mismatch("feature", featureColumnName, $"Vector<Single, {network.InputSize}>", _feature.Column.Type,
                $"The model was trained on {network.InputSize} features; the data must go through the same transforms before scoring.");
        _outputs = head.Columns(inputSchema).ToArray();
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var output in _outputs) builder.AddColumn(output.Name, output.Type, output.Annotations);
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    private bool IsOutput(DataViewSchema.Column column) => column.Index >= InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new SortedSet<int>();
        foreach (var column in dependingColumns) needed.Add(IsOutput(column) ? _feature.Column.Index : column.Index);
        return needed.Select(index => InputSchema[index]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        var active = new bool[_outputs.Length];
        foreach (var column in activeColumns) if (IsOutput(column)) active[column.Index - InputSchema.Count] = true;
        return new ScoredRow(this, input, active);
    }

    /// <summary>A row that passes input columns through and computes the outputs from one cached forward pass.</summary>
    private sealed class ScoredRow : DataViewRow
    {
        private readonly MlpRowMapper _mapper;
        private readonly DataViewRow _input;
        private readonly bool[] _active;
        private readonly FeatureColumn.FeatureReader? _reader;
        private readonly NetworkWorkspace? _workspace;
        private readonly float[] _features;
        private readonly float[] _outputs;
        private long _scoredPosition = -1;

        public ScoredRow(MlpRowMapper mapper, DataViewRow input, bool[] active)
        {
            _mapper = mapper;
            _input = input;
            _active = active;
            _features = new float[mapper._network.InputSize];
            _outputs = new float[mapper._network.OutputSize];
            if (active.Any(a => a))
            {
                _reader = mapper._feature.CreateReader(input);
                _workspace = mapper._network.CreateWorkspace(1);
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
            int index = column.Index - _mapper.InputSchema.Count;
            if (!_active[index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            var output = _mapper._outputs[index];
            return output.CreateGetter(Score) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {output.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        private float[] Score()
        {
            if (_scoredPosition == _input.Position) return _outputs;
            _reader!.Read(_features);
            int bad = Array.FindIndex(_features, v => !float.IsFinite(v));
            if (bad >= 0)
                throw new InvalidOperationException(
                    $"Row {_input.Position} of feature column '{_mapper._feature.Column.Name}' has {_features[bad]} in slot {bad}{SlotName(bad)}. " +
                    "Replace missing values (ml.Transforms.ReplaceMissingValues) the same way as for training.");
            _mapper._network.Forward(_features, _workspace!, 1, ForwardMode.Inference).CopyTo(_outputs);
            _scoredPosition = _input.Position;
            return _outputs;
        }

        private string SlotName(int slot) => SlotNames.Of(_mapper._feature.Column, slot) is { } name ? $" ('{name}')" : "";
    }
}
