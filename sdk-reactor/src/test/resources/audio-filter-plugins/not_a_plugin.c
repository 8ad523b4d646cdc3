/* A shared library that loads but exports none of the audio filter plugin's functions. */
int not_a_plugin(void) {
  return 42;
}
