using Microsoft.ML;
using MlNetNeural.Core.Layers;
using MlNetNeural.Data;

namespace MlNetNeural.Scoring;

/// <summary>The network outputs of a cursor's current row, computed at most once per row.</summary>
internal abstract class RowScores : IDisposable
{
    /// <summary>The current row's network outputs (valid until the cursor moves).</summary>
    public abstract float[] Current();

    public virtual void Dispose()
    {
    }
}

/// <summary>Scores one row at a time from the row's own feature getter (PredictionEngine, shuffled cursors).</summary>
internal sealed class SingleRowScores : RowScores
{
    private readonly MlpRowMapper _mapper;
    private readonly DataViewRow _input;
    private readonly FeatureColumn.FeatureReader _reader;
    private readonly NetworkWorkspace _workspace;
    private readonly float[] _features;
    private readonly float[] _outputs;
    private long _scoredPosition = -1;

    public SingleRowScores(MlpRowMapper mapper, DataViewRow input)
    {
        _mapper = mapper;
        _input = input;
        _reader = mapper.Feature.CreateReader(input);
        _workspace = mapper.Network.CreateWorkspace(1);
        _features = new float[mapper.Network.InputSize];
        _outputs = new float[mapper.Network.OutputSize];
    }

    public override float[] Current()
    {
        if (_scoredPosition == _input.Position) return _outputs;
        _reader.Read(_features, _input.Position);
        _mapper.CheckFinite(_input.Position, _features);
        _mapper.Network.Forward(_features, _workspace, 1, ForwardMode.Inference).CopyTo(_outputs);
        _scoredPosition = _input.Position;
        return _outputs;
    }
}

/// <summary>
/// Scores blocks of rows ahead of the cursor: a look-ahead cursor over the same unshuffled source reads
/// the features of the next rows, the network runs once per block, and each row's outputs are served
/// from the block. Relies on ML.NET's guarantee that unshuffled cursors of one data view see the same rows in the same order.
/// </summary>
internal sealed class BatchedRowScores : RowScores
{
    private readonly MlpRowMapper _mapper;
    private readonly DataViewRow _input;
    private readonly DataViewRowCursor _lookahead;
    private readonly FeatureColumn.FeatureReader _reader;
    private readonly NetworkWorkspace _workspace;
    private readonly float[] _features;
    private readonly float[] _blockOutputs;
    private readonly float[] _outputs;
    private readonly int _blockSize;
    private long _blockStart = -1;
    private int _blockCount;
    private long _servedPosition = -1;

    public BatchedRowScores(MlpRowMapper mapper, DataViewRow input, DataViewRowCursor lookahead, int blockSize)
    {
        _mapper = mapper;
        _input = input;
        _lookahead = lookahead;
        _blockSize = blockSize;
        _reader = mapper.Feature.CreateReader(lookahead);
        _workspace = mapper.Network.CreateWorkspace(blockSize);
        _features = new float[blockSize * mapper.Network.InputSize];
        _blockOutputs = new float[blockSize * mapper.Network.OutputSize];
        _outputs = new float[mapper.Network.OutputSize];
    }

    public override float[] Current()
    {
        long position = _input.Position;
        if (position == _servedPosition) return _outputs;
        if (position < _blockStart || position >= _blockStart + _blockCount) ScoreBlockFrom(position);
        int width = _outputs.Length;
        Array.Copy(_blockOutputs, (position - _blockStart) * width, _outputs, 0, width);
        _servedPosition = position;
        return _outputs;
    }

    public override void Dispose() => _lookahead.Dispose();

    private void ScoreBlockFrom(long position)
    {
        if (_lookahead.Position > position)
            throw new InvalidOperationException($"The scoring cursor went back from row {_lookahead.Position} to row {position}; cursors only move forward.");
        while (_lookahead.Position < position)
        {
            if (!_lookahead.MoveNext()) throw new InvalidOperationException($"The data has fewer rows than the cursor's position {position}.");
        }
        int inputSize = _mapper.Network.InputSize, count = 0;
        do
        {
            var rowFeatures = _features.AsSpan(count * inputSize, inputSize);
            _reader.Read(rowFeatures, _lookahead.Position);
            _mapper.CheckFinite(_lookahead.Position, rowFeatures);
            count++;
        } while (count < _blockSize && _lookahead.MoveNext());
        _mapper.Network.Forward(_features, _workspace, count, ForwardMode.Inference).CopyTo(_blockOutputs);
        _blockStart = position;
        _blockCount = count;
    }
}
