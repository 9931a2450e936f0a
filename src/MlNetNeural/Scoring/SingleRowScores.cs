using Microsoft.ML;
using MlNetNeural.Core.Layers;
using MlNetNeural.Data;

namespace MlNetNeural.Scoring;

/// <summary>The network outputs of a row's current position, computed at most once per row, one row at a time (PredictionEngine's path).</summary>
internal sealed class SingleRowScores
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
        _workspace = mapper.Network.CreateScoringWorkspace(1);
        _features = new float[mapper.Network.InputSize];
        _outputs = new float[mapper.Network.OutputSize];
    }

    /// <summary>The current row's network outputs (valid until the row moves).</summary>
    public float[] Current()
    {
        if (_scoredPosition == _input.Position) return _outputs;
        var features = _reader.View(_features, _input.Position);
        _mapper.CheckFinite(_input.Position, features);
        _mapper.Network.Forward(features, _workspace, 1, ForwardMode.Inference).CopyTo(_outputs);
        _scoredPosition = _input.Position;
        return _outputs;
    }
}
