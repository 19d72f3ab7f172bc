/// One libyaml parse event, copied out of C memory into Swift values.
enum YAMLEvent {
  case streamStart
  case streamEnd
  case documentStart(Mark)
  case documentEnd
  case alias(anchor: String, mark: Mark)
  case scalar(YAMLScalar, anchor: String?, mark: Mark)
  case sequenceStart(anchor: String?, tag: String?, mark: Mark)
  case sequenceEnd
  case mappingStart(anchor: String?, tag: String?, mark: Mark)
  case mappingEnd
}
