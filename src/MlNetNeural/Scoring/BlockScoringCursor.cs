using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Data;

namespace MlNetNeural.Scoring;

/// <summary>
/// Scores rows in blocks from ONE input cursor: it reads a block of rows ahead, copying each row's features into the
/// block's matrix and each requested input column into a <see cref="ColumnBlock"/>, runs the network once on the block,
/// and then serves the rows one by one from the block. The source is read once, in its own order (shuffled or not), so a
/// source that cannot be read twice (a consuming queue, a stream) gets every row back with its own scores, and every
/// upstream transform runs once per row. Blocks grow from 1 row to <see cref="MaxBlockRows"/> (1, 2, 4, ...), so the
/// first rows come back without waiting for a whole block and a short read reads little ahead.
/// </summary>
/// <remarks>
/// What cannot be served from a block is reported at the row it belongs to, as row-by-row scoring would: a row whose
/// features are not finite fails when its scores are read; a row the input could not give (its getter threw) fails when
/// the cursor moves onto it, after the rows before it were served.
/// </remarks>
internal sealed class BlockScoringCursor : DataViewRowCursor
{
    /// <summary>
    /// Rows scored per forward pass once the blocks have grown: a multiple of the matrix product's register tile (12 rows on
    /// AVX-512, 6 otherwise), so no tile of a full block computes padding rows. With 64 rows (five tiles and a third of a
    /// sixth) the 784-256-10 model's forward pass took 4.77 us per row, with 72 rows 4.22 us (96 to 192 rows: 4.24-4.27 us).
    /// </summary>
    public const int MaxBlockRows = 72;

    private readonly DataViewRowCursor _input;
    private readonly MlpRowMapper _mapper;
    private readonly bool[] _active;
    private readonly ColumnBlock?[] _columns;
    private readonly FeatureColumn.FeatureReader _reader;
    private readonly ValueGetter<DataViewRowId> _inputId;
    private readonly NetworkWorkspace _workspace;
    private readonly float[] _features;
    private readonly float[] _outputs;
    private readonly DataViewRowId[] _ids = new DataViewRowId[MaxBlockRows];
    private readonly long[] _batches = new long[MaxBlockRows];
    private readonly Exception?[] _rowErrors = new Exception?[MaxBlockRows];
    private readonly float[] _current;
    private int _nextBlockRows = 1;
    private int _count;
    private int _slot = -1;
    private int _currentSlot = -1;
    private long _position = -1;
    private bool _inputEnded;
    private ExceptionDispatchInfo? _unreadableRow;

    /// <summary>Creates the cursor over <paramref name="input"/>, which must have the feature column and every input column of <paramref name="needed"/> active.</summary>
    /// <param name="input">The one cursor over the source.</param>
    /// <param name="mapper">The mapper whose output schema this cursor serves.</param>
    /// <param name="needed">Columns of the mapper's output schema the caller asked for; the input columns among them must satisfy <see cref="ColumnBlock.CanHold"/>.</param>
    public BlockScoringCursor(DataViewRowCursor input, MlpRowMapper mapper, IReadOnlyCollection<DataViewSchema.Column> needed)
    {
        _input = input;
        _mapper = mapper;
        _active = new bool[mapper.OutputSchema.Count];
        _columns = new ColumnBlock?[mapper.InputSchema.Count];
        foreach (var column in needed)
        {
            _active[column.Index] = true;
            if (column.Index < mapper.InputSchema.Count)
                _columns[column.Index] = ColumnBlock.Create(input, mapper.InputSchema[column.Index], MaxBlockRows);
        }
        _reader = mapper.Feature.CreateReader(input);
        _inputId = input.GetIdGetter();
        var network = mapper.Network;
        _workspace = network.CreateScoringWorkspace(MaxBlockRows);
        _features = new float[MaxBlockRows * network.InputSize];
        _outputs = new float[MaxBlockRows * network.OutputSize];
        _current = new float[network.OutputSize];
    }

    /// <summary>True when a block can serve every input column in <paramref name="needed"/> (see <see cref="ColumnBlock.CanHold"/>).</summary>
    public static bool CanServe(MlpRowMapper mapper, IEnumerable<DataViewSchema.Column> needed) =>
        needed.All(column => column.Index >= mapper.InputSchema.Count || ColumnBlock.CanHold(column.Type));

    public override DataViewSchema Schema => _mapper.OutputSchema;

    public override long Position => _position;

    public override long Batch => _slot < 0 ? 0 : _batches[_slot];

    public override bool MoveNext()
    {
        if (_slot + 1 >= _count)
        {
            if (!ReadBlock()) return false;
            _slot = -1;
        }
        _slot++;
        _position++;
        return true;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = _ids[CurrentSlot()];

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
        var getter = column.Index < _mapper.InputSchema.Count
            ? _columns[column.Index]!.CreateGetter(CurrentSlot)
            : _mapper.Outputs[column.Index - _mapper.InputSchema.Count].CreateGetter(CurrentOutputs);
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }

    private int CurrentSlot() => _slot >= 0 ? _slot : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");

    /// <summary>The current row's network outputs; throws, naming the row, when its features were not finite.</summary>
    private float[] CurrentOutputs()
    {
        int slot = CurrentSlot();
        if (_rowErrors[slot] is { } error) throw error;
        if (_currentSlot != slot)
        {
            Array.Copy(_outputs, slot * _current.Length, _current, 0, _current.Length);
            _currentSlot = slot;
        }
        return _current;
    }

    /// <summary>Reads the next block of rows from the input and scores it; false when there are no more rows.</summary>
    private bool ReadBlock()
    {
        _unreadableRow?.Throw();
        _count = 0;
        _currentSlot = -1;
        int inputSize = _mapper.Network.InputSize, rows = _nextBlockRows;
        _nextBlockRows = Math.Min(MaxBlockRows, _nextBlockRows * 2);
        while (_count < rows && !_inputEnded && _unreadableRow is null)
        {
            if (!_input.MoveNext())
            {
                _inputEnded = true;
                break;
            }
            try
            {
                Capture(_count, _features.AsSpan(_count * inputSize, inputSize));
                _count++;
            }
            catch (Exception e)
            {
                _unreadableRow = ExceptionDispatchInfo.Capture(e);
            }
        }
        if (_count == 0)
        {
            _unreadableRow?.Throw();
            return false;
        }
        _mapper.Network.Forward(_features, _workspace, _count, ForwardMode.Inference).CopyTo(_outputs);
        return true;
    }

    /// <summary>Copies the input's current row into <paramref name="slot"/>: id, batch, requested columns and features.</summary>
    private void Capture(int slot, Span<float> features)
    {
        _inputId(ref _ids[slot]);
        _batches[slot] = _input.Batch;
        foreach (var column in _columns) column?.Capture(slot);
        _reader.Read(features, _input.Position);
        _rowErrors[slot] = _mapper.NonFiniteFeatureError(_input.Position, features);
        if (_rowErrors[slot] is not null) features.Clear();
    }
}
