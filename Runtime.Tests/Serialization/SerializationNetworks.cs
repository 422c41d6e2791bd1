namespace StaticNets.Runtime.Tests.Serialization;

// Small enough that every byte of its safetensors file is written out by hand in the tests:
// fc1 [2, 3] + [2], bn1 weight/bias/running_mean/running_var [2] each, fc2 [2, 2] + [2].
[Network("FC(2)+BN+RELU+FC(2)+SOFTMAX", Input = "3")]
internal partial class TinyBatchNormNet
{
}
